import axios from 'axios';
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const LOOKUP = '/api/v1/services/csdl-dang-ky-doanh-nghiep/chi-tiet-doanh-nghiep';

beforeAll(async () => {
  stack = await startTestStack('ngsp-token');
});

afterAll(async () => {
  await stack?.close();
});

async function lookup(): Promise<request.Response> {
  return request(stack.gateway.app)
    .post(LOOKUP)
    .set('Authorization', `Bearer ${await stack.token('mot-cua')}`)
    .send({ maSoDoanhNghiep: '2400123456' });
}

const issued = async (): Promise<number> => (await axios.get(`${stack.ngspUrl}/__mock/token`)).data.issued;

test('the gateway obtains one platform token and reuses it across calls', async () => {
  const before = await issued();
  const answers = await Promise.all([lookup(), lookup(), lookup(), lookup()]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  await lookup();
  expect((await issued()) - before).toBeLessThanOrEqual(1);
});

test('when the platform revokes the token, the gateway fetches a new one and retries once', async () => {
  await lookup();
  const before = await issued();
  await axios.delete(`${stack.ngspUrl}/__mock/tokens`);
  const res = await lookup();
  expect(res.status).toBe(200);
  expect(res.body.data.tenDoanhNghiep).toBe('Công ty TNHH Nông sản Lục Ngạn');
  expect((await issued()) - before).toBe(1);
});

test('a token that expires is refreshed before use', async () => {
  await axios.put(`${stack.ngspUrl}/__mock/token`, { expiresIn: 1 });
  await axios.delete(`${stack.ngspUrl}/__mock/tokens`);
  expect((await lookup()).status).toBe(200);
  await new Promise((r) => setTimeout(r, 1100));
  expect((await lookup()).status).toBe(200);
  await axios.put(`${stack.ngspUrl}/__mock/token`, { expiresIn: 3600 });
});

test('a token shorter-lived than the refresh margin is still shared, and refreshed half-way through its life', async () => {
  // The margin is 60 s; the platform now hands out 4 s tokens.
  await axios.put(`${stack.ngspUrl}/__mock/token`, { expiresIn: 4 });
  await axios.delete(`${stack.ngspUrl}/__mock/tokens`);
  await lookup();
  const before = await issued();
  for (let i = 0; i < 5; i++) expect((await lookup()).status).toBe(200);
  expect((await issued()) - before).toBe(0);
  await new Promise((r) => setTimeout(r, 2100));
  expect((await lookup()).status).toBe(200);
  expect((await issued()) - before).toBe(1);
  await axios.put(`${stack.ngspUrl}/__mock/token`, { expiresIn: 3600 });
});
