import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { AuditReader } from '../../src/audit/audit-reader';
import { jobKey } from '../../src/infra/redis-keys';
import { jobBinding } from '../../src/queue/delivery-job';
import { startTestStack, type TestStack } from '../support/test-stack';

const ROOT = path.resolve(__dirname, '../..');
const SERVICE = 'ho-tich';
const OPERATION = 'dang-ky-khai-sinh';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('reseal-cli');
});

afterAll(async () => {
  await stack?.close();
});

/** `npm run jobs:reseal` as an operator runs it, on this test's keys. */
function jobsReseal(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LGSP_KEY_PREFIX: stack.prefix, LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'jobs:reseal'], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A blob as the gateway wrote it before key rings: `v1.<iv>.<tag>.<data>`, no key id, no binding. */
function sealV1(value: unknown, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

test('npm run jobs:reseal re-seals a waiting job under the first key of the ring, prints what it did and records it', async () => {
  const example = stack.gateway.catalog.getOperation(SERVICE, OPERATION).config.example as object;
  const submitted = await request(stack.gateway.app)
    .post(`/api/v1/services/${SERVICE}/${OPERATION}`)
    .set('Authorization', `Bearer ${await stack.token('mot-cua')}`)
    .set('Prefer', 'respond-async')
    .send(example);
  expect(submitted.status).toBe(202);
  const jobId = submitted.body.jobId as string;
  const key = jobKey(stack.prefix, SERVICE, jobId);
  const current = stack.gateway.config.settings.queue.jobDataKeys[0]!;

  // The job as an older gateway left it: sealed without key id or binding, so it is not under the current key.
  const data = JSON.parse((await stack.redis.hget(key, 'data'))!) as { sealedInput: string; consumer: string; operationId: string };
  const input = stack.gateway.cipher.open(data.sealedInput, jobBinding(jobId, data), 'input');
  await stack.redis.hset(key, 'data', JSON.stringify({ ...data, sealedInput: sealV1(input, current.key) }));

  const run = await jobsReseal();
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const summary = JSON.parse(/^\{[\s\S]*^\}$/m.exec(run.stdout)?.[0] ?? 'null') as Record<string, unknown>;
  expect(summary).toMatchObject({ keyId: current.id, resealed: 1, active: 0, unreadable: [] });

  const after = JSON.parse((await stack.redis.hget(key, 'data'))!) as { sealedInput: string };
  expect(after.sealedInput.startsWith(`v2.${current.id}.`)).toBe(true);
  expect(stack.gateway.cipher.open(after.sealedInput, jobBinding(jobId, data), 'input')).toEqual(input);
  const audit = await new AuditReader(stack.redis, stack.prefix).query({ action: 'key.rotated', actor: 'jobs:reseal', limit: 10 });
  expect(audit.items.map((i) => i.detail)).toEqual([expect.objectContaining({ to: current.id, resealed: 1 })]);
}, 90_000);
