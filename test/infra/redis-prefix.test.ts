import { Redis } from 'ioredis';
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
    await redis.mset(`${mine}:a`, '1', `${mine}:q:b`, '2', `${other}:a`, '3');

    await expect(deleteKeys(redis, mine)).resolves.toBe(2);

    await expect(redis.exists(`${mine}:a`, `${mine}:q:b`)).resolves.toBe(0);
    await expect(redis.get(`${other}:a`)).resolves.toBe('3');
    await deleteKeys(redis, other);
  });

  it('refuses a prefix that testPrefix did not make, so it cannot wipe real data', async () => {
    await expect(deleteKeys(redis, '')).rejects.toThrow(/refuses prefix/);
    await expect(deleteKeys(redis, 'bull')).rejects.toThrow(/refuses prefix/);
  });
});
