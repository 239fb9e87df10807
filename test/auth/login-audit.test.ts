import express from 'express';
import pino from 'pino';
import request from 'supertest';
import type { AuditEvent, AuditSink } from '../../src/audit/audit-event';
import { AuditReader } from '../../src/audit/audit-reader';
import { ConsumerRegistry } from '../../src/auth/consumer-registry';
import { errorHandler } from '../../src/http/error-handler';
import { adminLoginRoute } from '../../src/http/routes/admin-login-route';
import { revocationRoute } from '../../src/http/routes/revocation-route';
import { tokenRoute } from '../../src/http/routes/token-route';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let behindProxy: GatewayParts;

beforeAll(async () => {
  stack = await startTestStack('login-audit');
  behindProxy = composeGateway({
    env: {
      ...process.env,
      NGSP_URL: stack.ngspUrl,
      PROVINCE_URL: stack.provinceUrl,
      LGSP_KEY_PREFIX: stack.prefix,
      LGSP_TRUST_PROXY: 'loopback',
    },
  });
  await behindProxy.redisReady();
});

afterAll(async () => {
  await behindProxy?.close();
  await stack?.close();
});

/** The auth routes around a recording sink, behind a trusted loopback proxy as in production. */
function auditedApp(): { app: express.Express; events: AuditEvent[]; ended: string[] } {
  const events: AuditEvent[] = [];
  const ended: string[] = [];
  const audit: AuditSink = { record: (e) => void events.push(e) };
  const consumers = new ConsumerRegistry(stack.gateway.config.consumers);
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(tokenRoute(consumers, stack.gateway.tokens, audit));
  app.use(adminLoginRoute(consumers, stack.gateway.tokens, audit, { revokeToken: async (jti) => void ended.push(jti) }));
  app.use(revocationRoute({ tokens: stack.gateway.tokens, consumers, revocations: { revoke: async () => 1_700_000_000_000 }, audit }));
  app.use(errorHandler(pino({ level: 'silent' })));
  return { app, events, ended };
}

const login = (app: express.Express, id: string, secret: string, ip = '203.0.113.7') =>
  request(app).post('/admin/login').set('X-Forwarded-For', ip).type('form').send({ id, secret });

describe('the audit trail of logins, logouts, tokens and revocations', () => {
  test('a successful login is recorded with the operator and the source address', async () => {
    const { app, events } = auditedApp();
    const res = await login(app, 'van-hanh', 'van-hanh-dev-secret');
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/admin');
    expect(events).toEqual([{ action: 'login.success', actor: 'van-hanh', source: '203.0.113.7', detail: { jti: expect.any(String) } }]);
  });

  test('failed logins are recorded with the id tried, the source and why; never the secret', async () => {
    const { app, events } = auditedApp();
    await login(app, 'van-hanh', 'wrong-secret', '198.51.100.1');
    await login(app, 'mot-cua', 'mot-cua-dev-secret', '198.51.100.2');
    expect(events).toEqual([
      { action: 'login.failure', actor: 'van-hanh', source: '198.51.100.1', detail: { reason: 'wrong credentials' } },
      { action: 'login.failure', actor: 'mot-cua', source: '198.51.100.2', detail: { reason: 'not an operator' } },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/secret"|wrong-secret|dev-secret/);
  });

  test('a logout revokes the session token and is recorded for the operator whose session it ends', async () => {
    const { app, events, ended } = auditedApp();
    const cookie = (await login(app, 'van-hanh', 'van-hanh-dev-secret')).headers['set-cookie'] as unknown as string[];
    const res = await request(app).post('/admin/logout').set('Cookie', cookie[0]!.split(';')[0]!).set('X-Forwarded-For', '203.0.113.7');
    expect(res.status).toBe(303);
    expect(events.map((e) => [e.action, e.actor, e.source])).toEqual([
      ['login.success', 'van-hanh', '203.0.113.7'],
      ['logout', 'van-hanh', '203.0.113.7'],
    ]);
    const jti = events[0]!.detail!['jti'];
    expect(ended).toEqual([jti]);
    expect(events[1]!.detail).toEqual({ jti, tokenRevoked: true });
  });

  test('tokens issued and refused at /token are recorded with the client id and source', async () => {
    const { app, events } = auditedApp();
    await request(app)
      .post('/token')
      .auth('qlvb', 'qlvb-dev-secret')
      .set('X-Forwarded-For', '192.0.2.10')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    await request(app)
      .post('/token')
      .auth('qlvb', 'nope')
      .set('X-Forwarded-For', '192.0.2.11')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(events).toEqual([
      { action: 'token.issued', actor: 'qlvb', source: '192.0.2.10', detail: { jti: expect.any(String), kid: 'dev-1' } },
      { action: 'token.refused', actor: 'qlvb', source: '192.0.2.11', detail: { reason: 'wrong credentials' } },
    ]);
  });

  test('a revocation is recorded with the operator, the consumer and when', async () => {
    const { app, events } = auditedApp();
    const token = await stack.token('van-hanh');
    const res = await request(app)
      .post('/admin/api/consumers/qlvb/revoke')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', '203.0.113.9');
    expect(res.status).toBe(200);
    expect(events).toEqual([
      {
        action: 'consumer.revoked',
        actor: 'van-hanh',
        source: '203.0.113.9',
        target: 'qlvb',
        detail: { revokedAt: '2023-11-14T22:13:20.000Z', known: true },
      },
    ]);
  });
});

test('a revocation that cannot be stored is a 503 and is not recorded as done', async () => {
  const events: AuditEvent[] = [];
  const consumers = new ConsumerRegistry(stack.gateway.config.consumers);
  const app = express();
  app.use(
    revocationRoute({
      tokens: stack.gateway.tokens,
      consumers,
      revocations: { revoke: () => Promise.reject(new Error('Connection is closed.')) },
      audit: { record: (e) => void events.push(e) },
    }),
  );
  app.use(errorHandler(pino({ level: 'silent' })));
  const res = await request(app)
    .post('/admin/api/consumers/qlvb/revoke')
    .set('Authorization', `Bearer ${await stack.token('van-hanh')}`);
  expect(res.status).toBe(503);
  expect(res.body.type).toBe('Server.Gateway.QueueUnavailable');
  expect(res.headers['retry-after']).toBe('5');
  expect(events).toEqual([]);
});

test('in the composed gateway these acts land on the Redis audit trail', async () => {
  const app = stack.gateway.app;
  await request(app).post('/admin/login').type('form').send({ id: 'van-hanh', secret: 'not-the-secret' });
  const operator = await stack.token('van-hanh');
  await request(app).post('/admin/api/consumers/bao-cao/revoke').set('Authorization', `Bearer ${operator}`);
  await stack.gateway.audit.flush();
  const reader = new AuditReader(stack.redis, stack.prefix);
  const failures = await reader.query({ action: 'login.failure', limit: 10 });
  expect(failures.items).toEqual([
    expect.objectContaining({ action: 'login.failure', actor: 'van-hanh', source: expect.stringMatching(/127\.0\.0\.1/) }),
  ]);
  const revoked = await reader.query({ action: 'consumer.revoked', limit: 10 });
  expect(revoked.items).toEqual([expect.objectContaining({ actor: 'van-hanh', target: 'bao-cao' })]);
  const rotated = await reader.query({ action: 'key.rotated', limit: 10 });
  expect(rotated.items).toEqual([expect.objectContaining({ detail: { from: null, to: 'dev-1' } })]);
});

describe('the session cookie', () => {
  const cookieOf = (res: request.Response): string => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])[0] ?? '';

  test('is Secure when the request came through a trusted proxy over https (server.trustProxy)', async () => {
    const res = await request(behindProxy.app)
      .post('/admin/login')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ id: 'van-hanh', secret: 'van-hanh-dev-secret' });
    expect(cookieOf(res)).toMatch(/^lgsp_admin=.*; HttpOnly; Secure; SameSite=Strict/);
    expect(cookieOf(res)).toMatch(/Path=\/admin/);
  });

  test('is not Secure over plain http, and a forwarded https from an untrusted peer is ignored', async () => {
    const plain = await request(behindProxy.app).post('/admin/login').type('form').send({ id: 'van-hanh', secret: 'van-hanh-dev-secret' });
    expect(cookieOf(plain)).toMatch(/^lgsp_admin=/);
    expect(cookieOf(plain)).not.toMatch(/Secure/);
    const untrusted = await request(stack.gateway.app)
      .post('/admin/login')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ id: 'van-hanh', secret: 'van-hanh-dev-secret' });
    expect(cookieOf(untrusted)).toMatch(/^lgsp_admin=/);
    expect(cookieOf(untrusted)).not.toMatch(/Secure/);
  });
});
