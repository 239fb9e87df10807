import { Redis } from 'ioredis';
import request from 'supertest';
import { AuditReader } from '../../src/audit/audit-reader';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const prefix = testPrefix('throttle');
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const compose = (): GatewayParts =>
  composeGateway({ env: { ...process.env, LGSP_KEY_PREFIX: prefix, LGSP_TRUST_PROXY: 'loopback', LOG_LEVEL: 'silent' } });
let a: GatewayParts;
let b: GatewayParts;
let nextAddress = 1;
/** A fresh documentation address per test, so per-source counts of one test do not leak into another. */
const freshSource = (): string => `198.51.100.${nextAddress++}`;

beforeAll(async () => {
  // Two gateway processes as far as Redis can tell: each its own composition and Redis connection.
  a = compose();
  b = compose();
  await Promise.all([a.redisReady(), b.redisReady()]);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const askToken = (gw: GatewayParts, id: string, secret: string, source: string) =>
  request(gw.app).post('/token').auth(id, secret).set('X-Forwarded-For', source).type('form').send({ grant_type: 'client_credentials' });
const login = (gw: GatewayParts, id: string, secret: string, source: string) =>
  request(gw.app).post('/admin/login').set('X-Forwarded-For', source).type('form').send({ id, secret });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /token under brute force', () => {
  test('40 wrong secrets for one client: 429 slow_down with Retry-After from the 6th, no secret checked while locked, audited as throttled', async () => {
    const source = freshSource();
    const statuses: number[] = [];
    const scryptBefore = a.consumers.counts.scrypt;
    let firstRefusal: request.Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await askToken(a, 'bao-cao', `guess-${i}`, source);
      statuses.push(res.status);
      firstRefusal ??= res.status === 429 ? res : undefined;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.indexOf(429)).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(25);
    expect(firstRefusal!.body).toEqual({
      error: 'slow_down',
      error_description: expect.stringMatching(/this client id; try again in \d+ s/),
    });
    expect(Number(firstRefusal!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(firstRefusal!.headers['cache-control']).toBe('no-store');
    // Only the secrets that were actually checked cost scrypt.
    expect(a.consumers.counts.scrypt - scryptBefore).toBe(statuses.filter((s) => s === 401).length);
    await a.audit.flush();
    const refused = await new AuditReader(redis, prefix).query({ action: 'token.refused', actor: 'bao-cao', limit: 100 });
    expect(refused.items).toContainEqual(
      expect.objectContaining({ source, detail: { reason: 'throttled', scope: 'client', retryAfterSeconds: expect.any(Number) } }),
    );
  });

  test('the lock grows: a failure after the first lock doubles Retry-After', async () => {
    const source = freshSource();
    for (let i = 0; i < 5; i++) expect((await askToken(a, 'qlvb-grow', 'x', source)).status).toBe(401);
    const first = await askToken(a, 'qlvb-grow', 'x', source);
    expect(first.status).toBe(429);
    await sleep(1100);
    expect((await askToken(a, 'qlvb-grow', 'x', source)).status).toBe(401);
    const second = await askToken(a, 'qlvb-grow', 'x', source);
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBe(2);
  });

  test('one address trying many client ids is locked too (per source), other addresses are not', async () => {
    const source = freshSource();
    for (let i = 0; i < 20; i++) expect((await askToken(a, `spray-${i}`, 'x', source)).status).toBe(401);
    const locked = await askToken(a, 'mot-cua', 'mot-cua-dev-secret', source);
    expect(locked.status).toBe(429);
    expect(locked.body.error_description).toMatch(/this address/);
    expect((await askToken(a, 'mot-cua', 'mot-cua-dev-secret', freshSource())).status).toBe(200);
  });

  test('a correct secret after the lock lifts gives a token and clears the client count', async () => {
    const source = freshSource();
    for (let i = 0; i < 5; i++) await askToken(a, 'mot-cua', 'wrong', source);
    expect((await askToken(a, 'mot-cua', 'mot-cua-dev-secret', source)).status).toBe(429);
    await sleep(1100);
    const ok = await askToken(a, 'mot-cua', 'mot-cua-dev-secret', source);
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toEqual(expect.any(String));
    // The client's count starts again: one more mistake is a 401, not a longer lock.
    expect((await askToken(a, 'mot-cua', 'wrong', freshSource())).status).toBe(401);
  });

  test('two gateway processes share the count through Redis', async () => {
    const source = freshSource();
    for (let i = 0; i < 3; i++) expect((await askToken(a, 'shared-id', 'x', source)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await askToken(b, 'shared-id', 'x', source)).status).toBe(401);
    expect((await askToken(a, 'shared-id', 'x', source)).status).toBe(429);
    expect((await askToken(b, 'shared-id', 'x', source)).status).toBe(429);
  });
});

describe('POST /admin/login under brute force', () => {
  test('wrong secrets lock the operator id: 429 Client.RateLimited with Retry-After, audited as a throttled login failure', async () => {
    const source = freshSource();
    for (let i = 0; i < 5; i++) expect((await login(a, 'van-hanh', `guess-${i}`, source)).status).toBe(303);
    const res = await login(a, 'van-hanh', 'van-hanh-dev-secret', source);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      type: 'Client.RateLimited',
      message: expect.stringMatching(/Too many failed logins for this id; try again in \d+ s/),
      detail: expect.any(String),
    });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers['set-cookie']).toBeUndefined();
    await a.audit.flush();
    const failures = await new AuditReader(redis, prefix).query({ action: 'login.failure', actor: 'van-hanh', limit: 100 });
    expect(failures.items).toContainEqual(
      expect.objectContaining({ source, detail: expect.objectContaining({ reason: 'throttled', scope: 'client' }) }),
    );
  });
});

describe('secret checks', () => {
  test('a recently verified (id, secret) pair costs no scrypt; a wrong secret for it still does', async () => {
    const source = freshSource();
    expect((await askToken(b, 'qlvb', 'qlvb-dev-secret', source)).status).toBe(200);
    const before = { ...b.consumers.counts };
    for (let i = 0; i < 5; i++) expect((await askToken(b, 'qlvb', 'qlvb-dev-secret', source)).status).toBe(200);
    expect(b.consumers.counts.scrypt).toBe(before.scrypt);
    expect(b.consumers.counts.cacheHits).toBe(before.cacheHits + 5);
    expect((await askToken(b, 'qlvb', 'qlvb-dev-secret-but-not-quite', source)).status).toBe(401);
    expect(b.consumers.counts.scrypt).toBe(before.scrypt + 1);
  });

  test('/metrics shows throttle refusals and secret checks by how they were answered', async () => {
    const text = (await request(a.app).get('/metrics')).text;
    expect(text).toMatch(/lgsp_auth_throttled_total\{endpoint="token",reason="throttled",scope="client"\} [1-9]/);
    expect(text).toMatch(/lgsp_secret_checks_total\{via="scrypt"\} [1-9]/);
    expect(text).toMatch(/lgsp_secret_checks_in_flight 0/);
  });
});
