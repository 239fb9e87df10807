import type { DeliveryWorkers } from '../queue/delivery-workers';
import { attachCallbacks } from './attach-callbacks';
import { attachDelivery } from './attach-delivery';
import type { GatewayCore } from './compose-gateway';

export interface DeliveryHandle {
  workers: DeliveryWorkers;
  /** Stops taking jobs, waits for running ones up to the deadline, then drops the worker connections. */
  close(): Promise<void>;
}

/** The delivery and callbacks roles together on one core, as a worker process runs them. */
export async function startDelivery(core: GatewayCore): Promise<DeliveryHandle> {
  const delivery = await attachDelivery(core);
  const callbacks = await attachCallbacks(core).catch(async (err: unknown) => {
    await delivery.close();
    throw err;
  });
  return {
    workers: delivery.workers,
    async close() {
      await Promise.all([delivery.close(), callbacks.close()]);
    },
  };
}
