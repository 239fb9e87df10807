import type { Server } from 'node:http';
import type { Express } from 'express';
import { listenExpress } from '../http/express-server';
import { buildGatewayApp, type GatewayCore } from './compose-gateway';

/** The HTTP role: the gateway API, dashboard, /health, /ready and /metrics of one core. */
export interface HttpRole {
  url: string;
  /** The listening server (tests emit errors on it). */
  server: Server;
  app: Express;
  /** Stops listening and lets requests in flight end; the core stays open. */
  close(): Promise<void>;
}

const RETENTION_TRIM_EVERY_MS = 3_600_000;

/** Builds the app on `core` and listens on `port` (0: a free one) and `host`. */
export async function attachHttp(core: GatewayCore, opts: { port: number; host: string }): Promise<HttpRole> {
  const serviceIds = core.catalog.listConnections().map((c) => c.id);
  const trim = (): void => {
    core.connectionLog.trimExpired(serviceIds).catch((err: Error) => core.logger.warn({ err }, 'connection log retention trim failed'));
  };
  const app = buildGatewayApp(core);
  const { server: limits } = core.config.settings;
  const server: Server = await listenExpress(app, opts.port, opts.host, {
    // Out of descriptors is an operator's problem (ulimit, leak) but not a reason to die.
    onError: (err) => core.logger.error({ err }, 'gateway server error; still listening'),
    connectionsCheckingIntervalMs: Math.min(1000, limits.headersTimeoutMs),
  });
  server.requestTimeout = limits.requestTimeoutMs;
  // A client sending its headers byte by byte (slowloris) is cut after headersTimeoutMs.
  server.headersTimeout = Math.min(limits.requestTimeoutMs, limits.headersTimeoutMs);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  trim();
  const retention = setInterval(trim, RETENTION_TRIM_EVERY_MS);
  retention.unref();
  const address = server.address();
  const url = `http://${opts.host}:${typeof address === 'object' && address ? address.port : opts.port}`;
  core.logger.info({ url }, 'gateway listening');
  return {
    url,
    server,
    app,
    async close() {
      clearInterval(retention);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
