import axios from 'axios';
import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';

/** The `lgsp-access-token` profile of VNPT-built provincial platforms, on both sides of the wire. */
let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack('lgsp-access-token');
});

afterAll(async () => {
  await golden?.close();
});

async function partnerToken(lgspaccesstoken: string): Promise<{ status: number; token?: string }> {
  const res = await axios.post(`${golden.mocks.ngspUrl}/token`, 'grant_type=client_credentials', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', lgspaccesstoken },
    validateStatus: () => true,
  });
  return { status: res.status, token: res.data?.access_token };
}

const connection = (): string => golden.gateway.catalog.listConnections().find((c) => c.auth === 'lgsp-access-token')!.id;

test('the gateway takes its token with the lgspaccesstoken header and sends both on every call', async () => {
  const serviceId = connection();
  const op = golden.gateway.catalog.getConnection(serviceId).operations[0]!;
  const out = await golden.outbound(serviceId, op.id, op.example);
  expect(out.error).toBeUndefined();
  const expected = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER });
  const tokenCall = out.requests.find((r) => r.path === '/token');
  expect(tokenCall?.headers['lgspaccesstoken']).toBe(expected);
  expect(tokenCall?.headers['authorization']).toBeUndefined();
  expect(tokenCall?.body).toBe('grant_type=client_credentials');
  expect(out.request.headers['lgspaccesstoken']).toBe(expected);
  expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
  const decoded = JSON.parse(Buffer.from(out.request.headers['lgspaccesstoken']!, 'base64').toString('utf8'));
  expect(Object.keys(decoded)).toEqual(['AccessKey', 'SecretKey', 'AppName', 'PartnerCode', 'PartnerCodeCus']);
});

test('when the partner is unknown, the token call and the service call are refused with 401 Invalid Credentials', async () => {
  const wrong = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, SecretKey: 'not-the-secret' });
  expect((await partnerToken(wrong)).status).toBe(401);
  const good = await partnerToken(lgspAccessTokenOf({ ...DEV_LGSP_PARTNER }));
  expect(good.status).toBe(200);
  const serviceId = connection();
  const mock = await axios.get(`${golden.mocks.ngspUrl}/__mock/services`);
  const endpoint = (mock.data.services as Array<{ id: string; endpoints: Array<{ method: string; path: string }> }>).find(
    (s) => s.id === serviceId,
  )!.endpoints[0]!;
  const call = (headers: Record<string, string>) =>
    golden.mock(serviceId).request({
      method: endpoint.method,
      url: endpoint.path.replace(/:(\w+)/g, 'x'),
      headers: { 'Content-Type': 'application/json', ...headers },
      data: '{}',
    });
  const attempts: Array<Record<string, string>> = [
    { Authorization: `Bearer ${good.token}` },
    { Authorization: `Bearer ${good.token}`, lgspaccesstoken: wrong },
    { lgspaccesstoken: lgspAccessTokenOf({ ...DEV_LGSP_PARTNER }) },
  ];
  for (const headers of attempts) {
    const res = await call(headers);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
  }
});
