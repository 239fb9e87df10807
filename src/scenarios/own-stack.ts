import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startMocks } from '../../mocks/main';
import { ensureRedis } from '../infra/ensure-redis';
import { ALL_ROLES, startRoles } from '../main/start-roles';

/** A whole stack in this process: mocks, gateway and workers on free ports, on a fresh Redis key prefix. */
export interface OwnStack {
  gatewayUrl: string;
  ngspUrl: string;
  provinceUrl: string;
  keyPrefix: string;
  /** Stops everything (gateway, workers, mocks), removes the prefix's keys and a private Redis. */
  close(): Promise<void>;
}

export const OWN_STACK_PREFIX_ROOT = 'lgsp-scenario-';

/**
 * Starts the pieces `npm start` starts (Redis found or started, mocks, one gateway core with every role), on
 * port 0 and a key prefix of its own, so it can run beside a developer's stack on one Redis.
 * Logs are quiet (`error`) unless `logLevel` says otherwise.
 */
export async function startOwnStack(opts: { logLevel?: string; log?: (msg: string) => void } = {}): Promise<OwnStack> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[scenario] ${msg}\n`));
  const level = opts.logLevel ?? 'error';
  const redis = await ensureRedis({ log });
  const keyPrefix = `${OWN_STACK_PREFIX_ROOT}${randomBytes(6).toString('hex')}`;
  const closers: Array<() => Promise<void>> = [() => redis.stop()];
  const close = async (): Promise<void> => {
    for (const fn of closers.reverse()) await fn().catch((err: Error) => log(`closing: ${err.message}`));
  };
  try {
    const mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: level });
    closers.push(() => mocks.close());
    closers.push(() => deletePrefix(redis.url, keyPrefix));
    const env = { ...process.env, REDIS_URL: redis.url, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: keyPrefix, LOG_LEVEL: level };
    // One core with every role, as `npm start` runs it: sync calls and workers share the breakers.
    const gateway = await startRoles({ roles: ALL_ROLES, port: 0, host: '127.0.0.1', env });
    closers.push(() => gateway.close());
    return { gatewayUrl: gateway.http!.url, ngspUrl: mocks.ngspUrl, provinceUrl: mocks.provinceUrl, keyPrefix, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** SCAN + UNLINK of the stack's own keys (never FLUSHALL: the Redis may be shared). */
async function deletePrefix(url: string, prefix: string): Promise<void> {
  if (!prefix.startsWith(OWN_STACK_PREFIX_ROOT) || prefix.length <= OWN_STACK_PREFIX_ROOT.length) throw new Error(`refusing to delete keys of prefix ${prefix}`);
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length) await client.unlink(...keys);
    }
  } finally {
    client.disconnect();
  }
}
