import type { Server } from 'node:http';
import { checkRedisPolicy } from '../infra/ensure-redis';
import { listenExpress } from '../http/express-server';
import { composeGateway } from './compose-gateway';
import { refuseStart } from './refuse-start';

export interface GatewayHandle {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway's HTTP server (`npm run start:gateway`, or inside `npm start`). */
export async function startGateway(opts: { port?: number; host?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GatewayHandle> {
  const env = opts.env ?? process.env;
  const parts = composeGateway({ env });
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
  const server: Server = await listenExpress(parts.app, port, host);
  const { server: limits } = parts.config.settings;
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(limits.requestTimeoutMs, 60_000);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  parts.logger.info({ url: `http://${host}:${actualPort}` }, 'gateway listening');
  return {
    url: `http://${host}:${actualPort}`,
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
