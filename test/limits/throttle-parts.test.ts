import express from 'express';
import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import { ConsumerRegistry } from '../../src/auth/consumer-registry';
import { hashSecret } from '../../src/auth/secret-hash';
import { TokenService } from '../../src/auth/token-service';
import { VerifiedSecretCache } from '../../src/auth/verified-secret-cache';
import type { ConsumerConfig } from '../../src/config/schema';
import { errorHandler } from '../../src/http/error-handler';
import { throttleKey } from '../../src/infra/redis-keys';
import { adminLoginRoute } from '../../src/http/routes/admin-login-route';
import { tokenRoute } from '../../src/http/routes/token-route';
import { FailureBackoff } from '../../src/limits/failure-backoff';
import { LoginThrottle, sourceSubject } from '../../src/limits/login-throttle';
import { SecretCheckLimiter, SecretChecksBusyError } from '../../src/limits/secret-check-limiter';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const prefix = testPrefix('throttle-parts');
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
let consumers: ConsumerConfig[];

beforeAll(async () => {
  consumers = [
    { id: 'mot-cua', name: 'Một cửa', role: 'consumer', secretHash: await hashSecret('s3cret'), services: [] },
    { id: 'van-hanh', name: 'Vận hành', role: 'operator', secretHash: await hashSecret('op-secret'), services: [] },
  ];
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

/** A verify function that holds every check until released, counting how many run at once. */
function heldChecks() {
  const waiting: Array<() => void> = [];
  const state = { running: 0, most: 0 };
  const verify = async (): Promise<boolean> => {
    state.running += 1;
    state.most = Math.max(state.most, state.running);
    await new Promise<void>((resolve) => waiting.push(resolve));
    state.running -= 1;
    return false;
  };
  const releaseAll = async (): Promise<void> => {
    // Checks start a few microtasks after authenticate() is called.
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      waiting.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { verify, releaseAll, state };
}

describe('the cap on concurrent secret checks', () => {
  test('past maxConcurrent running and maxWaiting queued, a check is refused at once; the rest run at most maxConcurrent at a time', async () => {
    const held = heldChecks();
    const registry = new ConsumerRegistry(consumers, {
      limiter: new SecretCheckLimiter({ maxConcurrent: 2, maxWaiting: 1 }),
      verify: held.verify,
    });
    const accepted = [1, 2, 3].map((n) => registry.authenticate('mot-cua', `guess-${n}`));
    await expect(registry.authenticate('mot-cua', 'guess-4')).rejects.toBeInstanceOf(SecretChecksBusyError);
    expect(registry.secretChecksInFlight).toBe(2);
    await held.releaseAll();
    await expect(Promise.all(accepted)).resolves.toEqual([null, null, null]);
    expect(held.state.most).toBe(2);
    expect(registry.secretChecksInFlight).toBe(0);
  });

  test('/token answers 503 temporarily_unavailable and /admin/login 429 Client.RateLimited, both with Retry-After, quickly', async () => {
    const held = heldChecks();
    const registry = new ConsumerRegistry(consumers, {
      limiter: new SecretCheckLimiter({ maxConcurrent: 1, maxWaiting: 0 }),
      verify: held.verify,
    });
    const tokens = new TokenService({ keys: [{ id: 'k', key: 'k'.repeat(32) }], ttlSeconds: 60, issuer: 'i', audience: 'a' });
    const app = express();
    app.use(tokenRoute(registry, tokens, { record: () => undefined }));
    app.use(adminLoginRoute(registry, tokens, { record: () => undefined }, { revokeToken: async () => undefined }));
    app.use(errorHandler(pino({ level: 'silent' })));
    const blocking = registry.authenticate('mot-cua', 'guess');
    const token = await request(app)
      .post('/token')
      .auth('mot-cua', 's3cret')
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .timeout(3000);
    expect({ status: token.status, body: token.body, retryAfter: token.headers['retry-after'] }).toEqual({
      status: 503,
      body: { error: 'temporarily_unavailable', error_description: expect.stringMatching(/secret checks/) },
      retryAfter: '1',
    });
    const login = await request(app).post('/admin/login').type('form').send({ id: 'van-hanh', secret: 'op-secret' }).timeout(3000);
    expect({ status: login.status, type: login.body.type, retryAfter: login.headers['retry-after'] }).toEqual({
      status: 429,
      type: 'Client.RateLimited',
      retryAfter: '1',
    });
    await held.releaseAll();
    await blocking;
  });
});

test('identical checks arriving together share one scrypt', async () => {
  const held = heldChecks();
  const registry = new ConsumerRegistry(consumers, { verify: held.verify });
  const same = [1, 2, 3, 4].map(() => registry.authenticate('mot-cua', 'guess'));
  await held.releaseAll();
  await expect(Promise.all(same)).resolves.toEqual([null, null, null, null]);
  expect(registry.counts.scrypt).toBe(1);
});

describe('the cache of verified pairs', () => {
  test('holds an HMAC, matches only the same secret, and is void once the configured hash changes (config change)', () => {
    const cache = new VerifiedSecretCache({ maxEntries: 10, ttlMs: 60_000 });
    cache.remember('mot-cua', 's3cret', 'hash-1');
    expect(cache.has('mot-cua', 's3cret', 'hash-1')).toBe(true);
    expect(cache.has('mot-cua', 's3cret!', 'hash-1')).toBe(false);
    expect(cache.has('mot-cua', 's3cret', 'hash-2')).toBe(false);
    expect(cache.has('mot-cua', 's3cret', 'hash-1')).toBe(false);
  });

  test('forgets pairs after ttlMs and keeps at most maxEntries ids', () => {
    let now = 0;
    const cache = new VerifiedSecretCache({ maxEntries: 2, ttlMs: 1000, clock: () => now });
    cache.remember('a', 'x', 'h');
    cache.remember('b', 'x', 'h');
    cache.remember('c', 'x', 'h');
    expect(cache.size).toBe(2);
    expect(cache.has('a', 'x', 'h')).toBe(false);
    expect(cache.has('c', 'x', 'h')).toBe(true);
    now = 1000;
    expect(cache.has('c', 'x', 'h')).toBe(false);
  });

  test('a registry built from changed config does not accept the old secret from the cache', async () => {
    const cache = new VerifiedSecretCache({ maxEntries: 10, ttlMs: 60_000 });
    const before = new ConsumerRegistry(consumers, { cache });
    expect(await before.authenticate('mot-cua', 's3cret')).toEqual({ id: 'mot-cua', role: 'consumer' });
    expect(await before.authenticate('mot-cua', 's3cret')).toEqual({ id: 'mot-cua', role: 'consumer' });
    expect(before.counts).toEqual({ scrypt: 1, cacheHits: 1 });
    const rotated = consumers.map((c) => (c.id === 'mot-cua' ? { ...c, secretHash: consumers[1]!.secretHash } : c));
    const after = new ConsumerRegistry(rotated, { cache });
    expect(await after.authenticate('mot-cua', 's3cret')).toBeNull();
    expect(after.counts).toEqual({ scrypt: 1, cacheHits: 0 });
  });
});

describe('the backoff store', () => {
  test('locks after the threshold and doubles each lock up to the cap', async () => {
    const backoff = new FailureBackoff(redis, prefix);
    const policy = { failures: 2, windowMs: 60_000, baseLockMs: 1000, maxLockMs: 3000 };
    const locks = [];
    for (let i = 0; i < 5; i++) locks.push(await backoff.fail('client:cap', policy));
    expect(locks).toEqual([0, 1000, 2000, 3000, 3000]);
    expect(await backoff.lockedFor('client:cap', policy)).toBeGreaterThan(2000);
    expect(await redis.pttl(throttleKey(prefix, 'client:cap'))).toBeGreaterThan(60_000);
    await backoff.clear('client:cap');
    expect(await backoff.lockedFor('client:cap', policy)).toBe(0);
  });

  test('when a lock ends, one attempt goes through and the others wait for its outcome', async () => {
    const backoff = new FailureBackoff(redis, prefix);
    const policy = { failures: 1, windowMs: 60_000, baseLockMs: 200, maxLockMs: 10_000 };
    await backoff.fail('client:herd', policy);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const locks = await Promise.all([1, 2, 3, 4, 5].map(() => backoff.lockedFor('client:herd', policy)));
    expect(locks.filter((ms) => ms === 0)).toHaveLength(1);
    expect(locks.filter((ms) => ms > 0)).toHaveLength(4);
    await backoff.clear('client:herd');
    expect(await backoff.lockedFor('client:cap', policy)).toBe(0);
  });
});

describe('with Redis away', () => {
  test('the throttle fails open with a WARN, and secrets are still checked', async () => {
    // Redis away as the request path sees it: a check that never answers, writes that fail at once.
    const away = {
      lockedFor: () => new Promise<number>(() => undefined),
      fail: () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
      clear: () => Promise.reject(new Error('Connection is closed.')),
    } as unknown as FailureBackoff;
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const registry = new ConsumerRegistry(consumers);
    const settings = {
      windowSeconds: 60,
      baseLockMs: 1000,
      maxLockSeconds: 60,
      perClient: { failures: 1 },
      perSource: { failures: 1 },
      redisTimeoutMs: 250,
    };
    const throttle = new LoginThrottle(registry, away, settings, logger);
    for (let i = 0; i < 3; i++)
      expect(await throttle.check({ id: 'mot-cua', secret: 'wrong', source: '192.0.2.1', endpoint: 'token' })).toEqual({ kind: 'wrong' });
    expect(await throttle.check({ id: 'mot-cua', secret: 's3cret', source: '192.0.2.1', endpoint: 'token' })).toEqual({
      kind: 'accepted',
      principal: { id: 'mot-cua', role: 'consumer' },
    });
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/failing open/);
  });
});

test('source addresses: IPv4-mapped as IPv4, IPv6 by its /64', () => {
  expect(sourceSubject('::ffff:203.0.113.7')).toBe('source:203.0.113.7');
  expect(sourceSubject('203.0.113.7')).toBe('source:203.0.113.7');
  expect(sourceSubject('2001:db8:0:1:aaaa::1')).toBe('source:2001:db8:0:1::/64');
  expect(sourceSubject('2001:db8::1')).toBe('source:2001:db8:0:0::/64');
  expect(sourceSubject('2001:db8::2')).toBe(sourceSubject('2001:db8::ffff'));
});
