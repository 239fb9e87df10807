import { DeliveryWorkers } from '../queue/delivery-workers';
import { connectRedis, redisTarget } from '../infra/redis-connection';
import type { GatewayCore } from './compose-gateway';

/** The delivery role: a worker per connection, using the core's invoker, breakers and queues. */
export interface DeliveryRole {
  workers: DeliveryWorkers;
  /** Stops taking jobs, waits for running ones up to the deadline, then drops the worker connection. */
  close(): Promise<void>;
}

/** Attaches delivery workers for all connections to `core`; the core stays open when the role closes. */
export async function attachDelivery(core: GatewayCore): Promise<DeliveryRole> {
  const { settings } = core.config;
  // Workers block on Redis: maxRetriesPerRequest null, as BullMQ requires; they reconnect by themselves.
  const connection = connectRedis(redisTarget(settings.redis), 'blocking');
  connection.on('error', (err) => core.logger.warn({ err }, 'worker redis connection error'));
  const workers = new DeliveryWorkers({
    catalog: core.catalog,
    invoker: core.invoker,
    breakers: core.breakers,
    cipher: core.cipher,
    callbacks: core.callbacks,
    logger: core.logger.child({ component: 'workers' }),
    connection,
    keyPrefix: settings.redis.keyPrefix,
    settings: settings.queue,
    quotas: core.quotas,
  });
  try {
    await workers.waitUntilReady();
  } catch (err) {
    await workers.close().catch(() => undefined);
    connection.disconnect();
    throw err;
  }
  return {
    workers,
    async close() {
      await workers.close();
      connection.disconnect();
    },
  };
}
