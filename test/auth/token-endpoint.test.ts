import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { TOKEN_BODY_LIMIT_BYTES } from '../../src/http/routes/token-route';
import { httpText, rawRequest } from '../hostile/raw-http';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const app = () => stack.gateway.app;
const GOOD = { grant_type: 'client_credentials' };
const basic = (text: string): string => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

beforeAll(async () => {
  stack = await startTestStack('token-endpoint');
});

afterAll(async () => {
  await stack?.close();
});

/** Every failure of /token is an RFC 6749 §5.2 body, not cached, never a stack trace or a 500. */
function expectOAuthError(res: request.Response, status: number, error: string): void {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  expect(res.body.error_description).toEqual(expect.any(String));
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.text).not.toMatch(/\n\s+at |node_modules/);
  if (status === 401) expect(res.headers['www-authenticate']).toBe('Basic realm="lgsp"');
}

describe('POST /token answers RFC 6749 §5.2 codes on every failure', () => {
  test('a missing grant_type is invalid_request (not unsupported_grant_type)', async () => {
    expectOAuthError(
      await request(app()).post('/token').auth('mot-cua', 'mot-cua-dev-secret').type('form').send({}),
      400,
      'invalid_request',
    );
  });

  test('a repeated grant_type is invalid_request', async () => {
    const res = await request(app())
      .post('/token')
      .auth('mot-cua', 'mot-cua-dev-secret')
      .type('form')
      .send('grant_type=client_credentials&grant_type=client_credentials');
    expectOAuthError(res, 400, 'invalid_request');
  });

  test('a body that is not a form (JSON, or too large) is invalid_request', async () => {
    expectOAuthError(await request(app()).post('/token').auth('mot-cua', 'mot-cua-dev-secret').send(GOOD), 400, 'invalid_request');
    const huge = `grant_type=client_credentials&pad=${'x'.repeat(10_000)}`;
    expectOAuthError(
      await request(app()).post('/token').auth('mot-cua', 'mot-cua-dev-secret').type('form').send(huge),
      400,
      'invalid_request',
    );
  });

  describe('a body announced over the /token limit is refused before it is read', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = await new Promise<Server>((resolve) => {
        const s = app().listen(0, '127.0.0.1', () => resolve(s));
      });
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    /** A form that announces `length` bytes and sends only its first few (the server must answer without the rest). */
    const announced = (path: string, length: number) =>
      rawRequest(port, [
        httpText(
          'POST',
          path,
          {
            Authorization: basic('mot-cua:mot-cua-dev-secret'),
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': String(length),
          },
          'grant_type=client_credentials',
        ),
      ]);

    test.each([
      ['over the gateway-wide limit (25 MiB)', 25 * 1024 * 1024],
      ['over the /token limit only', TOKEN_BODY_LIMIT_BYTES + 1],
    ])('%s: 400 invalid_request in RFC 6749 shape', async (_name, length) => {
      const res = await announced('/token', length);
      expect({ status: res.status, error: JSON.parse(res.body).error }).toEqual({ status: 400, error: 'invalid_request' });
      expect(JSON.parse(res.body).error_description).toContain(String(length));
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['connection']).toBe('close');
    });

    test('another route announcing 25 MiB keeps the gateway-wide 413', async () => {
      const res = await announced('/tokens', 25 * 1024 * 1024);
      expect([res.status, JSON.parse(res.body).type]).toEqual([413, 'Client.PayloadTooLarge']);
    });
  });

  test('another grant type is unsupported_grant_type', async () => {
    expectOAuthError(
      await request(app()).post('/token').auth('mot-cua', 'mot-cua-dev-secret').type('form').send({ grant_type: 'password' }),
      400,
      'unsupported_grant_type',
    );
  });

  test('no client authentication, a wrong secret or an unknown client is invalid_client (401 with WWW-Authenticate)', async () => {
    expectOAuthError(await request(app()).post('/token').type('form').send(GOOD), 401, 'invalid_client');
    expectOAuthError(await request(app()).post('/token').auth('mot-cua', 'wrong').type('form').send(GOOD), 401, 'invalid_client');
    expectOAuthError(await request(app()).post('/token').auth('nobody', 'x').type('form').send(GOOD), 401, 'invalid_client');
    expectOAuthError(await request(app()).post('/token').set('Authorization', 'Bearer abc').type('form').send(GOOD), 401, 'invalid_client');
  });

  test('malformed Basic credentials (bad base64, bad % escape, no colon, not UTF-8) are invalid_client, never a 500', async () => {
    const headers = [
      'Basic !!!!',
      'Basic bW90LWN1YTp4eA',
      'Basic ',
      basic('mot-cua:%E0%A4%A'),
      basic('%zz:mot-cua-dev-secret'),
      basic('mot-cua'),
      `Basic ${Buffer.from([0x6d, 0x3a, 0xff, 0xfe]).toString('base64')}`,
    ];
    for (const header of headers) {
      const res = await request(app()).post('/token').set('Authorization', header).type('form').send(GOOD);
      expectOAuthError(res, 401, 'invalid_client');
    }
  });

  test('credentials in both Basic and the form are invalid_request', async () => {
    const res = await request(app())
      .post('/token')
      .auth('mot-cua', 'mot-cua-dev-secret')
      .type('form')
      .send({ ...GOOD, client_id: 'mot-cua', client_secret: 'mot-cua-dev-secret' });
    expectOAuthError(res, 400, 'invalid_request');
  });

  test('a scope the client does not have is invalid_scope; its own scope is granted', async () => {
    expectOAuthError(
      await request(app())
        .post('/token')
        .auth('mot-cua', 'mot-cua-dev-secret')
        .type('form')
        .send({ ...GOOD, scope: 'operator' }),
      400,
      'invalid_scope',
    );
    const ok = await request(app())
      .post('/token')
      .auth('mot-cua', 'mot-cua-dev-secret')
      .type('form')
      .send({ ...GOOD, scope: 'services' });
    expect(ok.status).toBe(200);
    expect(ok.body.scope).toBe('services');
  });

  test('percent-encoded Basic credentials and form credentials both give a token', async () => {
    const encoded = await request(app()).post('/token').set('Authorization', basic('mot%2Dcua:mot-cua-dev-secret')).type('form').send(GOOD);
    expect(encoded.status).toBe(200);
    const form = await request(app())
      .post('/token')
      .type('form')
      .send({ ...GOOD, client_id: 'qlvb', client_secret: 'qlvb-dev-secret' });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'services' });
  });
});

describe('malformed session cookies', () => {
  const BAD = 'lgsp_admin=%E0%A4%A';

  test('on the operator API: 400 Client.BadRequest, never a 500', async () => {
    const res = await request(app()).get('/admin/api/services').set('Cookie', BAD);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('Client.BadRequest');
  });

  test('a bearer token wins over a malformed cookie it does not need', async () => {
    const res = await request(app())
      .get('/admin/api/services')
      .set('Cookie', BAD)
      .set('Authorization', `Bearer ${await stack.token('van-hanh')}`);
    expect(res.status).toBe(200);
  });

  test('on the dashboard: back to the login page; logout still works', async () => {
    const page = await request(app()).get('/admin').set('Cookie', BAD);
    expect(page.status).toBe(302);
    expect(page.headers['location']).toBe('/admin/login');
    const login = await request(app()).get('/admin/login').set('Cookie', BAD);
    expect(login.status).toBe(200);
    const logout = await request(app()).post('/admin/logout').set('Cookie', BAD);
    expect(logout.status).toBe(303);
  });
});
