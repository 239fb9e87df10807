import { Redis } from 'ioredis';
import { startMocks } from '../mocks/main';
import { ensureRedis } from '../src/infra/ensure-redis';
import { deletePrefixKeys, throwawayPrefix } from '../src/infra/throwaway-prefix';
import { ALL_ROLES, startRoles } from '../src/main/start-roles';

/** A whole stack in this process: mocks, gateway and workers on free ports, on a fresh Redis key prefix. */
export interface OwnStack {
  gatewayUrl: string;
  ngspUrl: string;
  provinceUrl: string;
  keyPrefix: string;
  /** Stops everything (gateway, workers, mocks), removes the prefix's keys and a private Redis. */
  close(): Promise<void>;
}

/**
 * Starts the pieces `npm start` starts (Redis found or started, mocks, one gateway core with every role), on
 * port 0 and a key prefix of its own, so it can run beside a developer's stack on one Redis.
 * Logs are quiet (`error`) unless `logLevel` says otherwise.
 */
export async function startOwnStack(opts: { logLevel?: string; log?: (msg: string) => void } = {}): Promise<OwnStack> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[scenario] ${msg}\n`));
  const level = opts.logLevel ?? 'error';
  const redis = await ensureRedis({ log });
  const keyPrefix = throwawayPrefix('scenario', 'stack');
  const closers: Array<() => Promise<void>> = [() => redis.stop()];
  const close = async (): Promise<void> => {
    for (const fn of closers.reverse()) await fn().catch((err: Error) => log(`closing: ${err.message}`));
  };
  try {
    const mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: level });
    closers.push(() => mocks.close());
    closers.push(() => deletePrefix(redis.url, keyPrefix));
    const env = {
      ...process.env,
      REDIS_URL: redis.url,
      NGSP_URL: mocks.ngspUrl,
      PROVINCE_URL: mocks.provinceUrl,
      LGSP_KEY_PREFIX: keyPrefix,
      LOG_LEVEL: level,
    };
    // One core with every role, as `npm start` runs it: sync calls and workers share the breakers.
    const gateway = await startRoles({ roles: ALL_ROLES, port: 0, host: '127.0.0.1', env });
    closers.push(() => gateway.close());
    return { gatewayUrl: gateway.http!.url, ngspUrl: mocks.ngspUrl, provinceUrl: mocks.provinceUrl, keyPrefix, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Removes the stack's own keys on a connection of its own (the gateway's are closed by then). */
async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await deletePrefixKeys(client, prefix);
  } finally {
    client.disconnect();
  }
}
