import { randomBytes } from 'node:crypto';
import axios from 'axios';
import request from 'supertest';
import { sdkHeaders, VXP_VPCP } from '../mocks/support/vxp-client';
import { edocXml } from '../mocks/support/wire-builders';
import { base64Lines, zipOne } from '../mocks/support/zip-one';
import { jobKey as jobKeyOf, storedInputKey, storedInputPartKey } from '../../src/infra/redis-keys';
import { StoredInputs } from '../../src/queue/stored-input';
import { TextPieces } from '../../src/util/text-pieces';
import { startDelivery, type DeliveryHandle } from '../../src/main/start-delivery';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

/**
 * Large inputs (a document with a 3 MiB attachment) are sealed in slices and kept beside their
 * job: the job's own data stays small, the worker delivers the document unchanged, a delivered
 * job's input is deleted, a dead letter's expires, and a replay keeps it until delivered.
 */
const SERVICE = 'truc-lien-thong-van-ban';
const DOCUMENT = edocXml({
  attachmentType: 'application/zip',
  attachment: base64Lines(zipOne('phu-luc.pdf', randomBytes(3 * 1024 * 1024))),
});

let stack: TestStack;
let workers: DeliveryHandle | undefined;
let auth: string;

beforeAll(async () => {
  stack = await startTestStack('stored-input', { retry: { attempts: 2, backoffMs: 50, maxBackoffMs: 100 } });
  auth = `Bearer ${await stack.token('qlvb')}`;
});

afterAll(async () => {
  await workers?.close();
  await stack?.close();
});

afterEach(async () => {
  await stack.resetMocks();
});

const jobKey = (jobId: string): string => jobKeyOf(stack.prefix, SERVICE, jobId);

async function send(key: string): Promise<string> {
  const res = await request(stack.gateway.app)
    .post(`/api/v1/services/${SERVICE}/gui-van-ban`)
    .set('Authorization', auth)
    .set('Content-Type', 'application/xml')
    .set('Idempotency-Key', key)
    .send(DOCUMENT);
  expect(res.status).toBe(202);
  return String(res.body.jobId);
}

async function settled(jobId: string): Promise<Record<string, unknown>> {
  return waitUntil(
    'the job ends',
    async () => {
      const res = await request(stack.gateway.app).get(`/api/v1/jobs/${jobId}`).set('Authorization', auth);
      return ['completed', 'failed'].includes(res.body.status) && (res.body.status !== 'completed' || res.body.result)
        ? (res.body as Record<string, unknown>)
        : undefined;
    },
    { timeoutMs: 20_000 },
  );
}

async function downloadedByVpcp(docId: string): Promise<string> {
  const res = await axios.post(`${stack.ngspUrl}/edxml/1.0/getEdoc`, undefined, {
    headers: { ...sdkHeaders({ 'Content-Type': 'application/json', docId }, VXP_VPCP), Connection: 'close' },
  });
  return Buffer.from(String(res.data.data), 'base64').toString('utf8');
}

test('a large document waits beside its small job, is delivered unchanged, and its input goes once delivered', async () => {
  // Read, checked, sealed and stored as the pieces it arrived in: never joined into one string.
  const join = jest.spyOn(TextPieces.prototype, 'toString');
  const jobId = await send('stored-1');
  expect(join).not.toHaveBeenCalled();
  join.mockRestore();
  // No worker yet: the job waits, its data holds no sealed input, the bytes sit beside it.
  const data = JSON.parse((await stack.redis.hget(jobKey(jobId), 'data')) ?? '{}') as Record<string, unknown>;
  expect(data['sealedInput']).toBeUndefined();
  expect(data['storedInput']).toEqual({ bytes: expect.any(Number) });
  expect(String(await stack.redis.hget(jobKey(jobId), 'data')).length).toBeLessThan(1000);
  const stored = await stack.redis.getBuffer(storedInputKey(jobKey(jobId)));
  expect(stored?.length).toBe((data['storedInput'] as { bytes: number }).bytes);
  expect(stored!.length).toBeGreaterThan(DOCUMENT.length);
  expect(stored!.includes(Buffer.from(DOCUMENT.slice(0, 200)))).toBe(false);
  expect(await stack.redis.ttl(storedInputKey(jobKey(jobId)))).toBe(-1);
  // The same request again (same key, same body) finds the job: nothing written twice.
  expect(await send('stored-1')).toBe(jobId);

  workers = await startDelivery(stack.gateway);
  const view = await settled(jobId);
  expect(view['status']).toBe('completed');
  const docId = String((view['result'] as Record<string, unknown>)['maVanBanTruc']);
  expect(await downloadedByVpcp(docId)).toBe(DOCUMENT);
  await waitUntil('the stored input is deleted', async () => (await stack.redis.exists(storedInputKey(jobKey(jobId)))) === 0 || undefined, {
    timeoutMs: 5000,
  });
});

test("a dead letter's stored input expires after its retention; a replay keeps it and delivers the document", async () => {
  workers ??= await startDelivery(stack.gateway);
  await stack.fault(SERVICE, { mode: 'down' });
  const jobId = await send('stored-2');
  expect(await settled(jobId)).toMatchObject({ status: 'failed', error: { type: 'Server.Provider.Unreachable' } });
  const ttl = await stack.redis.ttl(storedInputKey(jobKey(jobId)));
  const keepFailed = stack.gateway.config.settings.queue.keepFailed.ageSeconds;
  expect(ttl).toBeGreaterThan(keepFailed);

  await stack.fault(SERVICE, { mode: 'ok' });
  const operator = await stack.token('van-hanh');
  const replay = await request(stack.gateway.app)
    .post(`/admin/api/services/${SERVICE}/dead-letters/replay`)
    .set('Authorization', `Bearer ${operator}`)
    .send({ jobIds: [jobId] });
  expect(replay.body.replayedCount).toBe(1);
  const view = await settled(jobId);
  expect(view['status']).toBe('completed');
  expect(await downloadedByVpcp(String((view['result'] as Record<string, unknown>)['maVanBanTruc']))).toBe(DOCUMENT);
});

test('a job whose stored input is gone fails at once, typed, without reaching the provider', async () => {
  workers ??= await startDelivery(stack.gateway);
  await workers.close();
  workers = undefined;
  const jobId = await send('stored-3');
  await stack.redis.del(storedInputKey(jobKey(jobId)));
  workers = await startDelivery(stack.gateway);
  expect(await settled(jobId)).toMatchObject({
    status: 'failed',
    attempts: 1,
    error: { type: 'Server.Gateway.Internal', message: 'The job data is no longer stored' },
  });
  expect((await stack.journal(SERVICE)).total).toBe(0);
});

test('two writers of one stored input never interleave their pieces, and leave no part behind', async () => {
  const store = new StoredInputs(stack.redis);
  const key = jobKey(`${SERVICE}.kconcurrent`);
  const [a, b] = [randomBytes(3 * 1024 * 1024 + 17), randomBytes(3 * 1024 * 1024 + 17)];
  await Promise.all([store.put(key, a), store.put(key, b)]);
  const stored = await store.get(key);
  expect(stored?.equals(a) || stored?.equals(b)).toBe(true);
  expect(await stack.redis.ttl(storedInputKey(key))).toBe(-1);
  expect(await stack.redis.keys(storedInputPartKey(key, '*'))).toEqual([]);
  await store.drop(key);
  expect(await store.get(key)).toBeNull();
});
