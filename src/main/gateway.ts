import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { GatewayParts } from './compose-gateway';
import { refuseStart } from './refuse-start';
import { startRoles } from './start-roles';

export interface GatewayHandle {
  url: string;
  /** The listening server (tests emit errors on it). */
  server: Server;
  /** The composed gateway behind it. */
  parts: GatewayParts;
  close(): Promise<void>;
}

/** Starts the gateway's HTTP server on a core of its own (`npm run start:gateway`). */
export async function startGateway(
  opts: { port?: number; host?: string; env?: NodeJS.ProcessEnv; configDir?: string; logger?: Logger } = {},
): Promise<GatewayHandle> {
  const roles = await startRoles({ ...opts, roles: ['http'] });
  const http = roles.http!;
  return { url: http.url, server: http.server, parts: { ...roles.core, app: http.app }, close: () => roles.close() };
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
