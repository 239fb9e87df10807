import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { checkRedisPolicy } from '../infra/ensure-redis';
import { listenExpress } from '../http/express-server';
import { composeGateway, type GatewayParts } from './compose-gateway';
import { refuseStart } from './refuse-start';

export interface GatewayHandle {
  url: string;
  /** The listening server (tests emit errors on it). */
  server: Server;
  /** The composed gateway behind it. */
  parts: GatewayParts;
  close(): Promise<void>;
}

/** Starts the gateway's HTTP server (`npm run start:gateway`, or inside `npm start`). */
export async function startGateway(opts: { port?: number; host?: string; env?: NodeJS.ProcessEnv; configDir?: string; logger?: Logger } = {}): Promise<GatewayHandle> {
  const env = opts.env ?? process.env;
  const parts = composeGateway({ env, ...(opts.configDir ? { configDir: opts.configDir } : {}), ...(opts.logger ? { logger: opts.logger } : {}) });
  if (!(await parts.redisReady())) parts.logger.warn('Redis does not answer yet: sync calls work, async calls answer 503 until it does');
  else {
    const policy = await checkRedisPolicy(parts.redis).catch(() => ({ ok: true, policy: 'unknown' }));
    // An evicting Redis silently drops queued requests: say so loudly.
    if (!policy.ok) parts.logger.error({ policy: policy.policy }, 'Redis maxmemory-policy is not noeviction: queued requests can be lost; set maxmemory-policy noeviction');
  }
  const serviceIds = parts.catalog.listConnections().map((c) => c.id);
  const trim = (): void => {
    parts.connectionLog.trimExpired(serviceIds).catch((err: Error) => parts.logger.warn({ err: { message: err.message } }, 'connection log retention trim failed'));
  };
  trim();
  const retention = setInterval(trim, 3_600_000);
  retention.unref();
  const port = opts.port ?? Number(env['PORT'] ?? 8080);
  const host = opts.host ?? env['HOST'] ?? '127.0.0.1';
  const { server: limits } = parts.config.settings;
  const server: Server = await listenExpress(parts.app, port, host, {
    // Out of descriptors is an operator's problem (ulimit, leak) but not a reason to die.
    onError: (err) => parts.logger.error({ err: { code: err.code, syscall: err.syscall, message: err.message } }, 'gateway server error; still listening'),
    connectionsCheckingIntervalMs: Math.min(1000, limits.headersTimeoutMs),
  });
  server.requestTimeout = limits.requestTimeoutMs;
  // A client sending its headers byte by byte (slowloris) is cut after headersTimeoutMs.
  server.headersTimeout = Math.min(limits.requestTimeoutMs, limits.headersTimeoutMs);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  parts.logger.info({ url: `http://${host}:${actualPort}` }, 'gateway listening');
  return {
    url: `http://${host}:${actualPort}`,
    server,
    parts,
    async close() {
      clearInterval(retention);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await parts.close();
    },
  };
}

if (require.main === module) {
  startGateway()
    .then((gw) => {
      const stop = (): void => {
        const deadline = setTimeout(() => process.exit(1), 10_000);
        deadline.unref();
        void gw.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((err: unknown) => refuseStart('gateway', err));
}
