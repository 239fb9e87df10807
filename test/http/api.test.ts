import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const app = () => stack.gateway.app;
const XAC_THUC = '/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan';
const EXAMPLE = { soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' };
const bearer = async (consumer = 'mot-cua') => `Bearer ${await stack.token(consumer)}`;

beforeAll(async () => {
  stack = await startTestStack('api');
});

afterAll(async () => {
  await stack?.close();
});

/** No answer, whatever went wrong, shows a stack trace or internal paths. */
function expectNoStack(res: request.Response): void {
  expect(res.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe('POST /token', () => {
  test('valid client credentials give a bearer token', async () => {
    const res = await request(app())
      .post('/token')
      .auth('mot-cua', 'mot-cua-dev-secret')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'services' });
  });

  test('a wrong secret or unknown client is invalid_client (401)', async () => {
    for (const [id, secret] of [
      ['mot-cua', 'wrong'],
      ['nobody', 'x'],
    ]) {
      const res = await request(app()).post('/token').auth(id!, secret!).type('form').send({ grant_type: 'client_credentials' });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_client');
    }
  });

  test('another grant type is unsupported_grant_type (400)', async () => {
    const res = await request(app()).post('/token').auth('mot-cua', 'mot-cua-dev-secret').type('form').send({ grant_type: 'password' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('authentication and access rights', () => {
  test('a call without a token is Client.Unauthorized', async () => {
    const res = await request(app()).post(XAC_THUC).send(EXAMPLE);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('Client.Unauthorized');
    expect(res.headers['x-lgsp-error']).toBe('Client.Unauthorized');
  });

  test('a forged or tampered token is Client.Unauthorized', async () => {
    const token = await stack.token('qlvb');
    const [v, kid, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${v}.${kid}.${Buffer.from(JSON.stringify({ ...claims, sub: 'mot-cua' })).toString('base64url')}.${sig}`;
    const res = await request(app()).post(XAC_THUC).set('Authorization', `Bearer ${forged}`).send(EXAMPLE);
    expect(res.status).toBe(401);
  });

  test('a consumer calling a service outside its list is Client.AccessDenied', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer('qlvb'))
      .send(EXAMPLE);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('Client.AccessDenied');
    const journal = await stack.journal('csdl-dan-cu');
    expect(journal.items.filter((i) => i['requestId'] === res.headers['x-request-id'])).toHaveLength(0);
  });

  test('the operator calls no service', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer('van-hanh'))
      .send(EXAMPLE);
    expect(res.status).toBe(403);
  });
});

describe('GET /api/v1/services (the directory)', () => {
  test('the operator sees every connection of the catalog with its direction, each operation with an example', async () => {
    const res = await request(app())
      .get('/api/v1/services')
      .set('Authorization', await bearer('van-hanh'));
    expect(res.status).toBe(200);
    const services = res.body.services as Array<{ id: string; direction: string; operations: Array<{ mode: string; example: unknown }> }>;
    const catalog = stack.gateway.catalog.listConnections();
    expect(services.map((s) => [s.id, s.direction])).toEqual(catalog.map((c) => [c.id, c.direction]));
    expect(services.map((s) => s.operations.length)).toEqual(catalog.map((c) => c.operations.length));
    for (const s of services) for (const op of s.operations) expect(op.example).toEqual(expect.any(Object));
  });

  test('a consumer sees only its own services', async () => {
    const res = await request(app())
      .get('/api/v1/services')
      .set('Authorization', await bearer('qlvb'));
    expect(res.body.services.map((s: { id: string }) => s.id)).toEqual(['truc-lien-thong-van-ban']);
  });
});

describe('POST /api/v1/services/{serviceId}/{operationId}', () => {
  test("a sync call answers data and meta, and keeps the caller's X-Request-Id end to end", async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .set('X-Request-Id', 'req-abc-123')
      .send(EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.body).toEqual({
      data: { tonTai: true },
      meta: { requestId: 'req-abc-123', serviceId: 'csdl-dan-cu', operationId: 'xac-thuc-cong-dan', durationMs: expect.any(Number) },
    });
    const journal = await stack.journal('csdl-dan-cu');
    expect(journal.items.some((i) => i['requestId'] === 'req-abc-123')).toBe(true);
    expect((await stack.exchanges('csdl-dan-cu')).some((r) => r.requestId === 'req-abc-123')).toBe(true);
  });

  test('an unsafe X-Request-Id is replaced, not echoed', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .set('X-Request-Id', '<script>')
      .send(EXAMPLE);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('an unknown service is Client.UnknownService and an unknown operation Client.UnknownOperation', async () => {
    const a = await request(app())
      .post('/api/v1/services/khong-co/xyz')
      .set('Authorization', await bearer())
      .send({});
    expect([a.status, a.body.type]).toEqual([404, 'Client.UnknownService']);
    const b = await request(app())
      .post('/api/v1/services/csdl-dan-cu/xyz')
      .set('Authorization', await bearer())
      .send({});
    expect([b.status, b.body.type]).toEqual([404, 'Client.UnknownOperation']);
  });

  test('malformed JSON, an invalid body, prototype keys and deep nesting are Client.BadRequest', async () => {
    const auth = await bearer();
    const bodies = [
      '{"soDinhDanh": ',
      JSON.stringify({ ...EXAMPLE, soDinhDanh: 24090001234 }),
      '{"__proto__": {"polluted": true}, "soDinhDanh": "024090001234"}',
      '{"a":'.repeat(40) + '1' + '}'.repeat(40),
    ];
    for (const body of bodies) {
      const res = await request(app()).post(XAC_THUC).set('Authorization', auth).set('Content-Type', 'application/json').send(body);
      expect([res.status, res.body.type]).toEqual([400, 'Client.BadRequest']);
      expectNoStack(res);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a validation error names the field but never echoes its value', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .send({ ...EXAMPLE, soDinhDanh: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('soDinhDanh');
    expect(res.body.message).not.toContain('12345');
  });

  test('a body over the limit is Client.PayloadTooLarge', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .send({ ...EXAMPLE, pad: 'x'.repeat(1_100_000) });
    expect([res.status, res.body.type]).toEqual([413, 'Client.PayloadTooLarge']);
  });

  test('an unsupported content type is Client.UnsupportedMediaType', async () => {
    const res = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect([res.status, res.body.type]).toEqual([415, 'Client.UnsupportedMediaType']);
    const xml = await request(app())
      .post(XAC_THUC)
      .set('Authorization', await bearer())
      .set('Content-Type', 'application/xml')
      .send('<a/>');
    expect(xml.status).toBe(415);
  });

  test('XML in a charset other than UTF-8 is Client.UnsupportedMediaType, and nothing is forwarded', async () => {
    const res = await request(app())
      .post('/api/v1/services/truc-lien-thong-van-ban/gui-van-ban')
      .set('Authorization', await bearer('qlvb'))
      .set('Content-Type', 'application/xml; charset=ISO-8859-1')
      .send(Buffer.from('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>', 'latin1'));
    expect([res.status, res.body.type]).toEqual([415, 'Client.UnsupportedMediaType']);
    expect(res.body.message).toMatch(/UTF-8/);
    expect((await stack.journal('truc-lien-thong-van-ban')).total).toBe(0);
  });

  test('edXML with a DOCTYPE or entities is refused before anything is forwarded', async () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&xxe;</edXMLEnvelope>`;
    const res = await request(app())
      .post('/api/v1/services/truc-lien-thong-van-ban/gui-van-ban')
      .set('Authorization', await bearer('qlvb'))
      .set('Content-Type', 'application/xml')
      .send(hostile);
    expect([res.status, res.body.type]).toEqual([400, 'Client.BadRequest']);
    expect(res.body.message).toMatch(/DOCTYPE/);
    expect((await stack.journal('truc-lien-thong-van-ban')).total).toBe(0);
  });

  test('a ready-made edXML that is not well-formed or in another namespace is refused', async () => {
    const auth = await bearer('qlvb');
    for (const xml of ['<edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><unclosed>', '<edXMLEnvelope xmlns="urn:other"/>']) {
      const res = await request(app())
        .post('/api/v1/services/truc-lien-thong-van-ban/gui-van-ban')
        .set('Authorization', auth)
        .set('Content-Type', 'application/xml')
        .send(xml);
      expect([res.status, res.body.type]).toEqual([400, 'Client.BadRequest']);
    }
  });

  test("a provider fault keeps the provider's code and message", async () => {
    const res = await request(app())
      .post('/api/v1/services/csdl-dan-cu/tra-cuu-nhan-than')
      .set('Authorization', await bearer())
      .send({ soDinhDanh: '024999999999', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'DC-404' });
    expectNoStack(res);
  });

  test('an unknown path is a typed 404, not an HTML page', async () => {
    const res = await request(app()).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('Client.UnknownService');
  });
});

describe('health', () => {
  test('/health and /ready answer application/health+json', async () => {
    const health = await request(app()).get('/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/application\/health\+json/);
    const ready = await request(app()).get('/ready');
    expect(ready.status).toBe(200);
    // No delivery worker runs in this stack: ready, with a warning that async requests would wait.
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'warn',
      checks: {
        'redis:responseTime': [expect.objectContaining({ status: 'pass' })],
        'workers:count': [expect.objectContaining({ status: 'warn', observedValue: 0 })],
        'breakers:open': [expect.objectContaining({ status: 'pass' })],
      },
    });
  });
});
