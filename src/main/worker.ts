import { refuseStart } from './refuse-start';
import { startRoles } from './start-roles';

export interface WorkersHandle {
  close(): Promise<void>;
}

/** Runs the delivery and callback workers on a core of their own, no HTTP (`npm run start:worker`). */
export async function startWorkers(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<WorkersHandle> {
  const roles = await startRoles({ env: opts.env ?? process.env, roles: ['delivery', 'callbacks'] });
  return { close: () => roles.close() };
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
