import request from 'supertest';
import axios from 'axios';
import { Redis } from 'ioredis';
import pino from 'pino';
import { RevocationStore } from '../../src/auth/revocation-store';
import { revocationsKey, revokedTokensKey } from '../../src/infra/redis-keys';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { startTestStack, type TestStack } from '../support/test-stack';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { waitUntil } from '../support/wait-until';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Long enough that only the pub/sub announcement can carry a revocation within the test's wait. */
const NO_POLL = { LGSP_REVOCATION_REFRESH_MS: '600000' };

let stack: TestStack;
let other: GatewayProcess;
let sibling: GatewayParts;

beforeAll(async () => {
  stack = await startTestStack('revocation');
  const env = { NGSP_URL: stack.ngspUrl, PROVINCE_URL: stack.provinceUrl, LGSP_KEY_PREFIX: stack.prefix, ...NO_POLL };
  // A second gateway in its own OS process, and a third composed here with its own Redis connections.
  other = await startGatewayProcess(env);
  sibling = composeGateway({ env: { ...process.env, ...env } });
  await sibling.redisReady();
}, 60_000);

afterAll(async () => {
  await other?.crash();
  await sibling?.close();
  await stack?.close();
});

const operatorToken = (): Promise<string> => stack.token('van-hanh');

async function freshToken(consumer: string): Promise<string> {
  const res = await request(stack.gateway.app)
    .post('/token')
    .auth(consumer, `${consumer}-dev-secret`)
    .type('form')
    .send({ grant_type: 'client_credentials' });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

async function statusEverywhere(token: string): Promise<number[]> {
  const headers = { Authorization: `Bearer ${token}` };
  const here = await request(stack.gateway.app).get('/api/v1/services').set(headers);
  const there = await axios.get(`${other.url}/api/v1/services`, { headers, validateStatus: () => true });
  const beside = await request(sibling.app).get('/api/v1/services').set(headers);
  return [here.status, there.status, beside.status];
}

test('a revocation is seen at once by every gateway process; tokens issued afterwards work', async () => {
  const token = await freshToken('qlvb');
  expect(await statusEverywhere(token)).toEqual([200, 200, 200]);

  const res = await request(stack.gateway.app)
    .post('/admin/api/consumers/qlvb/revoke')
    .set('Authorization', `Bearer ${await operatorToken()}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ consumer: 'qlvb', known: true, revokedAt: expect.any(String) });

  const started = Date.now();
  await waitUntil(
    'every process refuses the revoked token',
    async () => ((await statusEverywhere(token)).every((s) => s === 401) ? true : undefined),
    { timeoutMs: 2000 },
  );
  expect(Date.now() - started).toBeLessThan(2000);
  const refused = await axios.get(`${other.url}/api/v1/services`, {
    headers: { Authorization: `Bearer ${token}` },
    validateStatus: () => true,
  });
  expect(refused.data).toMatchObject({ type: 'Client.Unauthorized', message: 'The access token has been revoked' });
  expect(refused.headers['www-authenticate']).toBe('Bearer realm="lgsp", error="invalid_token"');

  // Token times are whole seconds: a token from the next second on is after the revocation.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await statusEverywhere(await freshToken('qlvb'))).toEqual([200, 200, 200]);
  // Other consumers are untouched.
  expect(await statusEverywhere(await freshToken('bao-cao'))).toEqual([200, 200, 200]);
});

test('a dashboard logout ends that session cookie on every process; the operator keeps other tokens', async () => {
  const login = await request(stack.gateway.app).post('/admin/login').type('form').send({ id: 'van-hanh', secret: 'van-hanh-dev-secret' });
  const cookie = ((login.headers['set-cookie'] as unknown as string[])[0] ?? '').split(';')[0]!;
  const apiToken = await freshToken('van-hanh');
  const sessionStatus = async (): Promise<number[]> => {
    const here = await request(stack.gateway.app).get('/admin/api/services').set('Cookie', cookie);
    const there = await axios.get(`${other.url}/admin/api/services`, { headers: { Cookie: cookie }, validateStatus: () => true });
    const beside = await request(sibling.app).get('/admin/api/services').set('Cookie', cookie);
    return [here.status, there.status, beside.status];
  };
  expect(await sessionStatus()).toEqual([200, 200, 200]);

  expect((await request(stack.gateway.app).post('/admin/logout').set('Cookie', cookie)).status).toBe(303);
  await waitUntil(
    'every process refuses the logged-out cookie',
    async () => ((await sessionStatus()).every((s) => s === 401) ? true : undefined),
    { timeoutMs: 2000 },
  );
  expect((await request(sibling.app).get('/admin/api/services').set('Authorization', `Bearer ${apiToken}`)).status).toBe(200);
});

test('revoking needs an operator; a consumer token is refused and nothing is revoked', async () => {
  const consumerToken = await freshToken('mot-cua');
  const res = await request(stack.gateway.app).post('/admin/api/consumers/mot-cua/revoke').set('Authorization', `Bearer ${consumerToken}`);
  expect(res.status).toBe(403);
  expect(await stack.redis.hget(revocationsKey(stack.prefix), 'mot-cua')).toBeNull();
  expect(await statusEverywhere(consumerToken)).toEqual([200, 200, 200]);
});

test('a malformed consumer id is a 400; an id not configured can still be revoked (it stays dead if re-added)', async () => {
  const auth = `Bearer ${await operatorToken()}`;
  const bad = await request(stack.gateway.app).post('/admin/api/consumers/Not_An_Id/revoke').set('Authorization', auth);
  expect(bad.status).toBe(400);
  expect(bad.body.type).toBe('Client.BadRequest');
  const gone = await request(stack.gateway.app).post('/admin/api/consumers/old-system/revoke').set('Authorization', auth);
  expect(gone.status).toBe(200);
  expect(gone.body.known).toBe(false);
  expect(Number(await stack.redis.hget(revocationsKey(stack.prefix), 'old-system'))).toBeGreaterThan(0);
});

test('a process that missed the announcement picks the revocation up within its refresh interval', async () => {
  const prefix = testPrefix('revocation-poll');
  const redis = new Redis(REDIS_URL);
  const store = new RevocationStore(redis, { keyPrefix: prefix, refreshMs: 200 }, pino({ level: 'silent' }));
  try {
    await store.refresh();
    expect(store.revokedAtMs('qlvb')).toBeUndefined();
    // Written without the announcement, as if the pub/sub message had been lost.
    await redis.hset(revocationsKey(prefix), 'qlvb', '1700000000000');
    await waitUntil('the poll reads the revocation', async () => store.revokedAtMs('qlvb'), { timeoutMs: 1000 });
    expect(store.revokedAtMs('qlvb')).toBe(1_700_000_000_000);
    // Single tokens (logouts) too; those past their expiry are dropped from memory and from Redis.
    await redis.zadd(revokedTokensKey(prefix), Date.now() + 60_000, 'live-jti', Date.now() - 1, 'expired-jti');
    await waitUntil('the poll reads the revoked token', async () => (store.tokenRevoked('live-jti') ? true : undefined), {
      timeoutMs: 1000,
    });
    expect(store.tokenRevoked('expired-jti')).toBe(false);
    expect(await redis.zrange(revokedTokensKey(prefix), 0, -1)).toEqual(['live-jti']);
    // The epoch never goes back, even if a process with a slow clock revokes again.
    await store.revoke('qlvb');
    expect(Number(await redis.hget(revocationsKey(prefix), 'qlvb'))).toBeGreaterThan(1_700_000_000_000);
  } finally {
    await store.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
});
