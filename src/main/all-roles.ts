import { refuseStart } from './refuse-start';
import { ALL_ROLES, startRoles, type RolesHandle } from './start-roles';

/** The worker's deadline (running jobs get time to finish); the compose file grants 15 s too. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * Every production role on one core in one process: the HTTP API, the delivery workers and the
 * callback sender (`npm run start:prod`, the image's default command). Unlike `npm start` it
 * starts no Redis and no mocks: Redis comes from REDIS_URL and the providers from the
 * configuration, and NODE_ENV=production refuses the shipped development secrets.
 */
export function startAllRoles(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<RolesHandle> {
  return startRoles({ roles: ALL_ROLES, env: opts.env ?? process.env });
}

if (require.main === module) {
  const started = startAllRoles();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    // A signal during start-up waits for the roles and closes them in order, like a later one;
    // a start that fails is left to refuseStart below.
    void started.then(
      async (roles) => {
        await roles.close();
        process.exit(0);
      },
      () => undefined,
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  started.catch((err: unknown) => refuseStart('all-roles', err));
}
