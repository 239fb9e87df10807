import { createCipheriv, randomBytes } from 'node:crypto';
import axios from 'axios';
import { Redis } from 'ioredis';
import request from 'supertest';
import { resealJobs } from '../../scripts/reseal-jobs';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { AuditReader } from '../../src/audit/audit-reader';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery, type DeliveryHandle } from '../../src/main/start-delivery';
import { jobBinding } from '../../src/queue/delivery-job';
import { JobDataCipher, type JobDataKey } from '../../src/queue/job-data-cipher';
import { jobKey as jobKeyOf, storedInputKey } from '../../src/infra/redis-keys';
import type { JobView } from '../../src/queue/job-queues';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { DEV_SECRET } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

const SERVICE = 'ho-tich';
const KHAI_SINH = `/api/v1/services/${SERVICE}/dang-ky-khai-sinh`;
const TRA_CUU = `/api/v1/services/${SERVICE}/tra-cuu`;
const A: JobDataKey = { id: 'key-a', key: randomBytes(32).toString('base64') };
const B: JobDataKey = { id: 'key-b', key: randomBytes(32).toString('base64') };

let mocks: RunningMocks;
let redis: Redis;
const prefixes: string[] = [];
const opened: Array<{ gateway: GatewayParts; workers?: DeliveryHandle; configDir: string }> = [];

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  for (const { gateway, workers, configDir } of opened) {
    await workers?.close();
    await gateway.close();
    removeConfigCopy(configDir);
  }
  await mocks?.close();
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  redis?.disconnect();
});

afterEach(async () => {
  await axios.delete(`${mocks.ngspUrl}/__mock/faults`);
  await axios.delete(`${mocks.ngspUrl}/__mock/journal`);
});

/** A gateway whose `queue.jobDataKeys` ring is `ring`, on the real Redis under `prefix`. */
async function gatewayWith(
  ring: readonly JobDataKey[],
  prefix: string,
  opts: { storeInputAboveChars?: number } = {},
): Promise<GatewayParts> {
  const yamlRing = ring.map((k) => `    - id: ${k.id}\n      key: ${k.key}\n`).join('');
  const storeAbove = opts.storeInputAboveChars ? `  storeInputAboveChars: ${opts.storeInputAboveChars}\n` : '';
  const configDir = copyConfig((file, text) =>
    file === 'gateway.yaml'
      ? text.replace(/ {2}jobDataKeys:\n(?: {4}- id: .*\n {6}key: .*\n)+/, `  jobDataKeys:\n${yamlRing}${storeAbove}`)
      : text,
  );
  const gateway = composeGateway({
    env: { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix },
    configDir,
  });
  opened.push({ gateway, configDir });
  if (!(await gateway.redisReady())) throw new Error('Redis did not answer');
  expect(gateway.cipher.currentKeyId).toBe(ring[0]?.id);
  return gateway;
}

async function withWorkers(gateway: GatewayParts): Promise<DeliveryHandle> {
  const workers = await startDelivery(gateway);
  opened.find((o) => o.gateway === gateway)!.workers = workers;
  return workers;
}

async function stopWorkers(gateway: GatewayParts): Promise<void> {
  const entry = opened.find((o) => o.gateway === gateway)!;
  await entry.workers?.close();
  delete entry.workers;
}

function newPrefix(name: string): string {
  const prefix = testPrefix(name);
  prefixes.push(prefix);
  return prefix;
}

async function bearer(gateway: GatewayParts, consumer = 'mot-cua'): Promise<string> {
  const res = await request(gateway.app)
    .post('/token')
    .auth(consumer, DEV_SECRET(consumer))
    .type('form')
    .send({ grant_type: 'client_credentials' });
  if (res.status !== 200) throw new Error(`token for ${consumer}: ${res.status}`);
  return `Bearer ${res.body.access_token}`;
}

async function submit(gateway: GatewayParts, path = KHAI_SINH): Promise<string> {
  const op = gateway.catalog.getOperation(SERVICE, path.split('/').pop()!);
  const res = await request(gateway.app)
    .post(path)
    .set('Authorization', await bearer(gateway))
    .set('Prefer', 'respond-async')
    .send(op.config.example);
  expect(res.status).toBe(202);
  return res.body.jobId as string;
}

async function settled(gateway: GatewayParts, jobId: string): Promise<JobView> {
  return waitUntil(
    `job ${jobId} settles`,
    async () => {
      const view = await gateway.queues.view(jobId, 'mot-cua');
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    },
    { timeoutMs: 10_000 },
  );
}

const jobKey = (prefix: string, jobId: string): string => jobKeyOf(prefix, SERVICE, jobId);

async function rawData(prefix: string, jobId: string): Promise<Record<string, unknown>> {
  return JSON.parse((await redis.hget(jobKey(prefix, jobId), 'data')) ?? 'null');
}

/** A blob as the gateway wrote it before key rings: `v1.<iv>.<tag>.<data>`, no key id, no binding. */
function sealV1(value: unknown, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

test('a sealed input moved into another job fails that job, typed, and the provider never receives it', async () => {
  const prefix = newPrefix('sealed-moved');
  const gateway = await gatewayWith([A], prefix);
  const [donor, target] = [await submit(gateway), await submit(gateway)];
  const targetData = await rawData(prefix, target);
  targetData['sealedInput'] = (await rawData(prefix, donor))['sealedInput'];
  await redis.hset(jobKey(prefix, target), 'data', JSON.stringify(targetData));

  await withWorkers(gateway);
  expect(await settled(gateway, donor)).toMatchObject({ status: 'completed' });
  expect(await settled(gateway, target)).toMatchObject({
    status: 'failed',
    attempts: 1,
    error: { type: 'Server.Gateway.Internal', message: 'The job data cannot be opened' },
  });
  const journal = (await axios.get(`${mocks.ngspUrl}/__mock/journal`, { params: { serviceId: SERVICE } })).data as {
    items: Array<{ idempotencyKey: string }>;
  };
  expect(journal.items.map((i) => i.idempotencyKey)).toEqual([donor]);
});

test('a job result is sealed in Redis, opened for its owner, and a result moved to another job is refused', async () => {
  const prefix = newPrefix('sealed-results');
  const gateway = await gatewayWith([A], prefix);
  await withWorkers(gateway);
  const [first, second] = [await submit(gateway, TRA_CUU), await submit(gateway, TRA_CUU)];
  await settled(gateway, first);
  await settled(gateway, second);

  const raw = JSON.stringify(await redis.hgetall(jobKey(prefix, first)));
  expect(raw).toContain('sealedResult');
  for (const clear of ['trangThai', 'moTa', 'Đã hoàn thành đăng ký']) expect(raw).not.toContain(clear);
  const owner = await request(gateway.app)
    .get(`/api/v1/jobs/${first}`)
    .set('Authorization', await bearer(gateway));
  expect(owner.body).toMatchObject({ status: 'completed', result: { trangThai: 4, moTa: 'Đã hoàn thành đăng ký' } });
  const stranger = await request(gateway.app)
    .get(`/api/v1/jobs/${first}`)
    .set('Authorization', await bearer(gateway, 'bao-cao'));
  expect(stranger.status).toBe(404);

  await redis.hset(jobKey(prefix, second), 'returnvalue', (await redis.hget(jobKey(prefix, first), 'returnvalue'))!);
  const moved = await request(gateway.app)
    .get(`/api/v1/jobs/${second}`)
    .set('Authorization', await bearer(gateway));
  expect([moved.status, moved.body.type]).toEqual([500, 'Server.Gateway.Internal']);
  expect(moved.text).not.toContain('trangThai');
});

test('rotation: jobs sealed under A are re-sealed under B by jobs:reseal (idempotent), then a ring of B alone delivers them', async () => {
  const prefix = newPrefix('sealed-rotation');
  const underA = await gatewayWith([A], prefix);
  await withWorkers(underA);
  const completed = await submit(underA, TRA_CUU);
  await settled(underA, completed);
  await axios.put(`${mocks.ngspUrl}/__mock/faults/${SERVICE}`, { mode: 'error', status: 400 });
  const deadLetter = await submit(underA);
  expect(await settled(underA, deadLetter)).toMatchObject({ status: 'failed' });
  await axios.delete(`${mocks.ngspUrl}/__mock/faults`);
  await stopWorkers(underA);
  const waiting = [await submit(underA), await submit(underA)];

  const rotating = await gatewayWith([B, A], prefix);
  expect(await resealJobs(rotating)).toMatchObject({
    keyId: 'key-b',
    resealed: 4,
    sealedClearResults: 0,
    changedMeanwhile: 0,
    active: 0,
    unreadable: [],
  });
  for (const jobId of [...waiting, deadLetter]) expect((await rawData(prefix, jobId))['sealedInput']).toMatch(/^v2\.key-b\./);
  expect(await resealJobs(rotating)).toMatchObject({ resealed: 0, current: 4, unreadable: [] });
  await rotating.audit.flush();
  const audit = await new AuditReader(redis, prefix).query({ action: 'key.rotated', actor: 'jobs:reseal', limit: 10 });
  expect(audit.items.map((i) => i.detail)).toEqual([
    expect.objectContaining({ to: 'key-b', resealed: 0 }),
    expect.objectContaining({ to: 'key-b', resealed: 4 }),
  ]);

  const underB = await gatewayWith([B], prefix);
  expect((await underB.queues.view(completed, 'mot-cua')).result).toMatchObject({ trangThai: 4 });
  await withWorkers(underB);
  for (const jobId of waiting) expect(await settled(underB, jobId)).toMatchObject({ status: 'completed', attempts: 1 });
  expect(await underB.queues.replay(SERVICE, [deadLetter])).toEqual({
    replayed: [deadLetter],
    notFound: [],
    replayedCount: 1,
    notFoundCount: 0,
  });
  await waitUntil(
    'the replayed dead letter completes',
    async () => ((await underB.queues.view(deadLetter, 'mot-cua')).status === 'completed' ? true : undefined),
    { timeoutMs: 10_000 },
  );
});

test('rotation covers inputs kept beside their job: jobs:reseal re-seals the stored bytes, then a ring of B alone delivers them', async () => {
  const prefix = newPrefix('sealed-stored');
  // Every input counts as large here, so the small directory example is kept beside its job.
  const underA = await gatewayWith([A], prefix, { storeInputAboveChars: 10 });
  const waiting = [await submit(underA), await submit(underA)];
  const storedKeyId = async (jobId: string): Promise<string | null> =>
    underA.cipher.keyIdOfBytes((await redis.getBuffer(storedInputKey(jobKey(prefix, jobId))))!);
  for (const jobId of waiting) {
    expect(await rawData(prefix, jobId)).toMatchObject({ storedInput: { bytes: expect.any(Number) } });
    expect(await storedKeyId(jobId)).toBe('key-a');
  }

  const rotating = await gatewayWith([B, A], prefix, { storeInputAboveChars: 10 });
  expect(await resealJobs(rotating)).toMatchObject({ keyId: 'key-b', resealed: 2, changedMeanwhile: 0, unreadable: [] });
  for (const jobId of waiting) expect(await storedKeyId(jobId)).toBe('key-b');
  expect(await resealJobs(rotating)).toMatchObject({ resealed: 0, current: 2, unreadable: [] });

  const underB = await gatewayWith([B], prefix, { storeInputAboveChars: 10 });
  await withWorkers(underB);
  for (const jobId of waiting) expect(await settled(underB, jobId)).toMatchObject({ status: 'completed', attempts: 1 });
});

test('after an upgrade, a v1 input queued before it is still delivered, and jobs:reseal binds v1 inputs and seals clear results', async () => {
  const prefix = newPrefix('sealed-upgrade');
  const gateway = await gatewayWith([A], prefix);
  const toV1 = async (jobId: string): Promise<void> => {
    const data = await rawData(prefix, jobId);
    const input = new JobDataCipher([A]).open(
      data['sealedInput'] as string,
      jobBinding(jobId, data as { consumer: string; operationId: string }),
      'input',
    );
    await redis.hset(jobKey(prefix, jobId), 'data', JSON.stringify({ ...data, sealedInput: sealV1(input, A.key) }));
  };
  const delivered = await submit(gateway);
  await toV1(delivered);
  await withWorkers(gateway);
  expect(await settled(gateway, delivered)).toMatchObject({ status: 'completed', result: { daTiepNhan: true } });
  await stopWorkers(gateway);

  // Before the upgrade results were stored in clear; one such job is still kept.
  await redis.hset(jobKey(prefix, delivered), 'returnvalue', JSON.stringify({ daTiepNhan: true, maBienNhan: 'BN-LEGACY-01' }));
  expect((await gateway.queues.view(delivered, 'mot-cua')).result).toEqual({ daTiepNhan: true, maBienNhan: 'BN-LEGACY-01' });
  const queued = await submit(gateway);
  await toV1(queued);

  expect(await resealJobs(gateway)).toMatchObject({ keyId: 'key-a', resealed: 1, sealedClearResults: 1, unreadable: [] });
  expect((await rawData(prefix, queued))['sealedInput']).toMatch(/^v2\.key-a\./);
  expect(await redis.hget(jobKey(prefix, delivered), 'returnvalue')).not.toContain('BN-LEGACY-01');
  expect((await gateway.queues.view(delivered, 'mot-cua')).result).toEqual({ daTiepNhan: true, maBienNhan: 'BN-LEGACY-01' });
  await withWorkers(gateway);
  expect(await settled(gateway, queued)).toMatchObject({ status: 'completed' });
});
