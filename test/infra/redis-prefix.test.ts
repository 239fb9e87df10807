import { Redis } from 'ioredis';
import { deletePrefixKeys, throwawayPrefix } from '../../src/infra/throwaway-prefix';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

describe('test Redis prefixes', () => {
  const redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: 1 });

  afterAll(() => redis.quit());

  it('gives each call a different prefix made only of [a-z0-9-]', () => {
    const a = testPrefix('Outbox: Retry/Policy');
    const b = testPrefix('Outbox: Retry/Policy');

    expect(a).not.toBe(b);
    expect(a).toMatch(/^lgsp-test-outbox-retry-policy-[0-9a-f]{12}$/);
  });

  it('deletes only the keys under its own prefix', async () => {
    const mine = testPrefix('mine');
    const other = testPrefix('other');
    await redis.mset(`${mine}:a`, '1', `${mine}:q:b`, '2', `${other}:a`, '3', `${mine}-bare:a`, '4');

    await expect(deleteKeys(redis, mine)).resolves.toBe(2);

    await expect(redis.exists(`${mine}:a`, `${mine}:q:b`)).resolves.toBe(0);
    await expect(redis.get(`${other}:a`)).resolves.toBe('3');
    // A prefix that merely starts with this one is another prefix (a bench's `<prefix>-bare`).
    await expect(redis.get(`${mine}-bare:a`)).resolves.toBe('4');
    await deleteKeys(redis, other);
    await deleteKeys(redis, `${mine}-bare`);
  });

  it('serves bench runs and scenario stacks with the same helper', async () => {
    const bench = throwawayPrefix('bench', 'Queue Memory');
    const stack = throwawayPrefix('scenario', 'stack');
    expect(bench).toMatch(/^lgsp-bench-queue-memory-[0-9a-f]{12}$/);
    await redis.mset(`${bench}:q:x`, '1', `${stack}:audit`, '2');

    await expect(deletePrefixKeys(redis, bench)).resolves.toBe(1);
    await expect(deletePrefixKeys(redis, stack)).resolves.toBe(1);
    await expect(redis.exists(`${bench}:q:x`, `${stack}:audit`)).resolves.toBe(0);
  });

  it('refuses a prefix that testPrefix did not make, so it cannot wipe real data', async () => {
    await expect(deleteKeys(redis, '')).rejects.toThrow(/refuses prefix/);
    await expect(deleteKeys(redis, 'bull')).rejects.toThrow(/refuses prefix/);
    await expect(deleteKeys(redis, 'lgsp')).rejects.toThrow(/refuses prefix/);
    await expect(deleteKeys(redis, 'lgsp-test-')).rejects.toThrow(/refuses prefix/);
    await expect(deleteKeys(redis, 'lgsp-test-x*')).rejects.toThrow(/refuses prefix/);
  });
});
