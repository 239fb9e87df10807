import type { Logger } from 'pino';
import { attachCallbacks, type CallbacksRole } from './attach-callbacks';
import { attachDelivery, type DeliveryRole } from './attach-delivery';
import { attachHttp, type HttpRole } from './attach-http';
import type { GatewayCore } from './compose-gateway';
import { openCore } from './core';

/** What a process can run on its one core. */
export type RoleName = 'http' | 'delivery' | 'callbacks';
export const ALL_ROLES: readonly RoleName[] = ['http', 'delivery', 'callbacks'];

export interface StartRolesOptions {
  roles: readonly RoleName[];
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  logger?: Logger;
  /** For the HTTP role: [PORT, else 8080] and [HOST, else 127.0.0.1]. */
  port?: number;
  host?: string;
}

/** One core and the roles attached to it. */
export interface RolesHandle {
  core: GatewayCore;
  http?: HttpRole;
  delivery?: DeliveryRole;
  callbacks?: CallbacksRole;
  /** Closes in dependency order: HTTP (stop taking requests), delivery, callbacks, then the core (queues, Redis). */
  close(): Promise<void>;
}

/**
 * Opens one core and attaches `roles` to it: every role of the process shares the core's
 * breakers, queues and Redis. Workers attach before HTTP, so a gateway that answers has the
 * workers it will report in /ready. A role that fails to start closes what was started.
 */
export async function startRoles(opts: StartRolesOptions): Promise<RolesHandle> {
  const env = opts.env ?? process.env;
  const core = await openCore({
    env,
    ...(opts.configDir ? { configDir: opts.configDir } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  const handle: RolesHandle = {
    core,
    async close() {
      await handle.http?.close();
      await handle.delivery?.close();
      await handle.callbacks?.close();
      await core.close();
    },
  };
  try {
    if (opts.roles.includes('delivery')) {
      handle.delivery = await attachDelivery(core);
      core.logger.info({ connections: core.catalog.listConnections().length }, 'delivery workers running');
    }
    if (opts.roles.includes('callbacks')) handle.callbacks = await attachCallbacks(core);
    if (opts.roles.includes('http'))
      handle.http = await attachHttp(core, {
        port: opts.port ?? Number(env['PORT'] ?? 8080),
        host: opts.host ?? env['HOST'] ?? '127.0.0.1',
      });
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  return handle;
}
