import { CallbackWorker } from '../callbacks/callback-worker';
import { connectRedis, redisTarget } from '../infra/redis-connection';
import type { GatewayCore } from './compose-gateway';

/** The callbacks role: relays the core's outbox to the callback queue and sends what it holds. */
export interface CallbacksRole {
  /** Stops taking callbacks and drops the worker connection; the outbox stays for the next process. */
  close(): Promise<void>;
}

/** Attaches the callback worker and the outbox relay to `core`; the core stays open when the role closes. */
export async function attachCallbacks(core: GatewayCore): Promise<CallbacksRole> {
  const { settings } = core.config;
  // A blocking BullMQ worker: maxRetriesPerRequest null, as BullMQ requires.
  const connection = connectRedis(redisTarget(settings.redis), 'blocking');
  connection.on('error', (err) => core.logger.warn({ err }, 'callback worker redis connection error'));
  const worker = new CallbackWorker({
    connection,
    keyPrefix: settings.redis.keyPrefix,
    sender: core.callbackSender,
    settings: settings.callbacks,
    logger: core.logger.child({ component: 'workers' }),
  });
  try {
    await worker.waitUntilReady();
  } catch (err) {
    await worker.close().catch(() => undefined);
    connection.disconnect();
    throw err;
  }
  core.callbacks.startRelay();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
