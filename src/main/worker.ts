import { composeGateway } from './compose-gateway';
import { refuseStart } from './refuse-start';
import { startDelivery } from './start-delivery';

export interface WorkersHandle {
  close(): Promise<void>;
}

/** Runs the delivery workers of all 19 connections (`npm run start:worker`, or inside `npm start`). */
export async function startWorkers(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<WorkersHandle> {
  const parts = composeGateway({ env: opts.env ?? process.env });
  await parts.redisReady();
  const delivery = await startDelivery(parts);
  parts.logger.info({ connections: parts.catalog.listConnections().length }, 'delivery workers running');
  return {
    async close() {
      await delivery.close();
      await parts.close();
    },
  };
}

if (require.main === module) {
  startWorkers()
    .then((handle) => {
      const stop = (): void => {
        setTimeout(() => process.exit(1), 15_000).unref();
        void handle.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((err: unknown) => refuseStart('workers', err));
}
