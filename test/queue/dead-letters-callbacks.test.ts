import axios from 'axios';
import request from 'supertest';
import { devCallbackKey } from '../../mocks/callbacks/callback-keys';
import { readmeVerifier } from '../callbacks/readme-verifier';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const SERVICE = 'csdl-gia';
const SUBMIT = `/api/v1/services/${SERVICE}/gui-du-lieu-gia`;
const bearer = async (who: string) => `Bearer ${await stack.token(who)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startTestStack('dead-letters', { workers: true, retry: { attempts: 3, backoffMs: 50, maxBackoffMs: 100 } });
});

afterAll(async () => {
  await stack?.close();
});

beforeEach(async () => {
  await stack.resetMocks();
  await axios.delete(`${stack.provinceUrl}/__mock/callbacks`);
});

async function submit(): Promise<string> {
  const body = stack.gateway.catalog.getOperation(SERVICE, 'gui-du-lieu-gia').config.example as object;
  const res = await request(stack.gateway.app)
    .post(SUBMIT)
    .set('Authorization', await bearer('bao-cao'))
    .send(body);
  expect(res.status).toBe(202);
  return res.body.jobId;
}

async function settled(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await request(stack.gateway.app)
      .get(`/api/v1/jobs/${jobId}`)
      .set('Authorization', await bearer('bao-cao'));
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await sleep(50);
  }
  throw new Error(`job ${jobId} did not settle`);
}

async function callbacksFor(
  jobId: string,
): Promise<Array<{ consumerId: string; signature: string; verified: boolean; body: Record<string, unknown> }>> {
  for (let i = 0; i < 100; i++) {
    const { data } = await axios.get(`${stack.provinceUrl}/__mock/callbacks`);
    const found = data.items.filter((c: { body: { jobId?: string } }) => c.body.jobId === jobId);
    if (found.length > 0) return found;
    await sleep(50);
  }
  return [];
}

const verify = readmeVerifier();

test("a job that ends sends its consumer one callback, signed with that consumer's key over the time and body", async () => {
  const jobId = await submit();
  await settled(jobId);
  const [callback, ...more] = await callbacksFor(jobId);
  expect(more).toHaveLength(0);
  expect(callback).toMatchObject({
    consumerId: 'bao-cao',
    body: { jobId, serviceId: SERVICE, operationId: 'gui-du-lieu-gia', outcome: 'completed', requestId: expect.any(String) },
  });
  expect(callback!.verified).toBe(true);
  expect(callback!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verify(callback!.signature, JSON.stringify(callback!.body), devCallbackKey('bao-cao'))).toBe(true);
  expect(verify(callback!.signature, JSON.stringify({ ...callback!.body, outcome: 'failed' }), devCallbackKey('bao-cao'))).toBe(false);
  expect(verify(callback!.signature, JSON.stringify(callback!.body), devCallbackKey('mot-cua'))).toBe(false);
});

test('after its last attempt a job is a dead letter; an operator replays it and it is delivered', async () => {
  await stack.fault(SERVICE, { mode: 'down' });
  const jobId = await submit();
  expect(await settled(jobId)).toMatchObject({ status: 'failed', attempts: 3, error: { type: 'Server.Provider.Unreachable' } });
  const [failedNotice] = await callbacksFor(jobId);
  expect(failedNotice?.body).toMatchObject({ outcome: 'failed', error: { type: 'Server.Provider.Unreachable' } });

  const operator = await bearer('van-hanh');
  const list = await request(stack.gateway.app).get(`/admin/api/services/${SERVICE}/dead-letters`).set('Authorization', operator);
  expect(list.status).toBe(200);
  expect(list.body.items).toEqual([
    expect.objectContaining({
      jobId,
      consumer: 'bao-cao',
      attempts: 3,
      error: expect.objectContaining({ type: 'Server.Provider.Unreachable' }),
    }),
  ]);

  await stack.fault(SERVICE, { mode: 'ok' });
  const replay = await request(stack.gateway.app)
    .post(`/admin/api/services/${SERVICE}/dead-letters/replay`)
    .set('Authorization', operator)
    .send({ jobIds: [jobId, `${SERVICE}.nope`] });
  expect(replay.body).toEqual({ replayed: [jobId], notFound: [`${SERVICE}.nope`], replayedCount: 1, notFoundCount: 1 });
  expect(await settled(jobId)).toMatchObject({ status: 'completed' });
  const journal = await stack.journal(SERVICE);
  expect(journal.items.filter((i) => i['idempotencyKey'] === jobId)).toHaveLength(1);
  const after = await request(stack.gateway.app).get(`/admin/api/services/${SERVICE}/dead-letters`).set('Authorization', operator);
  expect(after.body.total).toBe(0);
});

test('replaying with {"all": true} replays every dead letter of the connection', async () => {
  await stack.fault(SERVICE, { mode: 'error', status: 422 });
  const ids = [await submit(), await submit()];
  for (const id of ids) expect(await settled(id)).toMatchObject({ status: 'failed', attempts: 1 });
  await stack.fault(SERVICE, { mode: 'ok' });
  const replay = await request(stack.gateway.app)
    .post(`/admin/api/services/${SERVICE}/dead-letters/replay`)
    .set('Authorization', await bearer('van-hanh'))
    .send({ all: true });
  expect([...replay.body.replayed].sort()).toEqual([...ids].sort());
  for (const id of ids) expect(await settled(id)).toMatchObject({ status: 'completed' });
});

test('the admin API refuses a consumer token', async () => {
  const res = await request(stack.gateway.app)
    .get(`/admin/api/services/${SERVICE}/dead-letters`)
    .set('Authorization', await bearer('bao-cao'));
  expect([res.status, res.body.type]).toEqual([403, 'Client.AccessDenied']);
  const replay = await request(stack.gateway.app)
    .post(`/admin/api/services/${SERVICE}/dead-letters/replay`)
    .set('Authorization', await bearer('mot-cua'))
    .send({});
  expect(replay.status).toBe(403);
});
