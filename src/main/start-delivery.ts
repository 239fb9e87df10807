import { Redis } from 'ioredis';
import { CallbackWorker } from '../callbacks/callback-worker';
import { queuePrefix } from '../queue/delivery-job';
import { DeliveryWorkers } from '../queue/delivery-workers';
import type { GatewayParts } from './compose-gateway';

export interface DeliveryHandle {
  workers: DeliveryWorkers;
  /** Stops taking jobs, waits for running ones up to the deadline, then drops the worker connection. */
  close(): Promise<void>;
}

/** Runs delivery workers for all connections and the callback worker on the parts of one process. */
export async function startDelivery(parts: GatewayParts): Promise<DeliveryHandle> {
  const { settings } = parts.config;
  // Workers block on Redis: maxRetriesPerRequest null, as BullMQ requires; they reconnect by themselves.
  const connection = new Redis(settings.redis.url, { maxRetriesPerRequest: null });
  connection.on('error', (err) => parts.logger.warn({ err: { message: err.message } }, 'worker redis connection error'));
  const logger = parts.logger.child({ component: 'workers' });
  const workers = new DeliveryWorkers({
    catalog: parts.catalog,
    invoker: parts.invoker,
    breakers: parts.breakers,
    cipher: parts.cipher,
    callbacks: parts.callbacks,
    logger,
    connection,
    keyPrefix: settings.redis.keyPrefix,
    settings: settings.queue,
    quotas: parts.quotas,
  });
  const callbackWorker = new CallbackWorker({ connection, prefix: queuePrefix(settings.redis.keyPrefix), sender: parts.callbackSender, settings: settings.callbacks, logger });
  await Promise.all([workers.waitUntilReady(), callbackWorker.waitUntilReady()]);
  parts.callbacks.startRelay();
  return {
    workers,
    async close() {
      await Promise.all([workers.close(), callbackWorker.close()]);
      connection.disconnect();
    },
  };
}
