import request from 'supertest';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { startTestStack, type TestStack } from '../support/test-stack';

/** The van-hanh entry of consumers.yaml, up to the next entry or the end. */
const VAN_HANH = /\n {2}- id: van-hanh\n(?: {4}.*\n?)*/;

let stack: TestStack;
const extra: Array<{ gateway: GatewayParts; dir: string }> = [];

beforeAll(async () => {
  stack = await startTestStack('principal-recheck');
});

afterAll(async () => {
  for (const { gateway, dir } of extra) {
    await gateway.close();
    removeConfigCopy(dir);
  }
  await stack?.close();
});

/** The same gateway restarted on an edited consumers.yaml (same keys, same Redis). */
async function restartedWith(editConsumers: (text: string) => string): Promise<GatewayParts> {
  const dir = copyConfig((file, text) => (file === 'consumers.yaml' ? editConsumers(text) : text));
  const gateway = composeGateway({
    env: { ...process.env, NGSP_URL: stack.ngspUrl, PROVINCE_URL: stack.provinceUrl, LGSP_KEY_PREFIX: stack.prefix },
    configDir: dir,
  });
  extra.push({ gateway, dir });
  await gateway.redisReady();
  return gateway;
}

test('an operator removed from config is refused at once, though their token is unexpired and well signed', async () => {
  const token = await stack.token('van-hanh');
  expect((await request(stack.gateway.app).get('/admin/api/services').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  const gateway = await restartedWith((text) => {
    expect(text).toMatch(VAN_HANH);
    return text.replace(VAN_HANH, '\n');
  });
  const res = await request(gateway.app).get('/admin/api/services').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ type: 'Client.Unauthorized', message: 'The access token is no longer valid' });
  // The dashboard session made from the same token is gone too.
  const page = await request(gateway.app).get('/admin').set('Cookie', `lgsp_admin=${token}`);
  expect(page.status).toBe(302);
  expect(page.headers['location']).toBe('/admin/login');
});

test('an operator demoted to consumer in config loses the operator API at once', async () => {
  const token = await stack.token('van-hanh');
  const gateway = await restartedWith((text) => text.replace(/(- id: van-hanh\n(?: {4}.*\n)*? {4}role: )operator/, '$1consumer'));
  expect(gateway.config.consumers.find((c) => c.id === 'van-hanh')?.role).toBe('consumer');
  const res = await request(gateway.app).get('/admin/api/services').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(401);
});

test('a consumer unchanged in config keeps working across the restart', async () => {
  const token = await stack.token('mot-cua');
  const gateway = await restartedWith((text) => text);
  expect((await request(gateway.app).get('/api/v1/services').set('Authorization', `Bearer ${token}`)).status).toBe(200);
});
