import { createCipheriv, randomBytes } from 'node:crypto';
import { gatewaySettingsSchema, jobDataKeySchema } from '../../src/config/schema';
import { JobDataCipher, SealedDataError, type SealBinding } from '../../src/queue/job-data-cipher';

const key = () => randomBytes(32).toString('base64');
const A = { id: 'a', key: key() };
const B = { id: 'b', key: key() };
const job: SealBinding = { jobId: 'ho-tich.7f0c', consumer: 'mot-cua', operationId: 'dang-ky-khai-sinh' };
const input = { hoTen: 'Nguyễn Văn An', soCCCD: '024090001234', list: [1, 2, 3] };

/** A blob as the gateway wrote it before key rings: `v1.<iv>.<tag>.<data>`, no key id, no associated data. */
function sealV1(value: unknown, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
}

test('sealed input opens to the same value, names its key and shows none of the input', () => {
  const cipher = new JobDataCipher([A]);
  const sealed = cipher.seal(input, job, 'input');
  expect(sealed.startsWith('v2.a.')).toBe(true);
  expect(sealed).not.toContain('024090001234');
  expect(sealed).not.toContain(Buffer.from('024090001234').toString('base64'));
  expect(cipher.open(sealed, job, 'input')).toEqual(input);
});

test('every seal gets its own IV, across many blocks of random bytes', () => {
  const cipher = new JobDataCipher([A]);
  const ivs = Array.from({ length: 2000 }, () => cipher.seal({ same: 'input' }, job, 'input').split('.')[2]);
  expect(new Set(ivs).size).toBe(2000);
});

test('a blob moved to another job, consumer or operation, or passed off as a result, does not open', () => {
  const cipher = new JobDataCipher([A]);
  const sealed = cipher.seal(input, job, 'input');
  for (const other of [
    { ...job, jobId: 'ho-tich.8a1d' },
    { ...job, consumer: 'qlvb' },
    { ...job, operationId: 'tra-cuu' },
  ]) {
    expect(() => cipher.open(sealed, other, 'input')).toThrow(SealedDataError);
  }
  expect(() => cipher.open(sealed, job, 'result')).toThrow('tampered, or moved from another job');
});

test('a tampered blob, a truncated tag, a blob whose key is not in the ring, or a malformed one is refused', () => {
  const cipher = new JobDataCipher([A]);
  const [v, kid, iv, tag, data] = cipher.seal({ a: 1 }, job, 'input').split('.') as [string, string, string, string, string];
  const flipped = Buffer.from(data, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => cipher.open([v, kid, iv, tag, flipped.toString('base64')].join('.'), job, 'input')).toThrow(SealedDataError);
  expect(() =>
    cipher.open([v, kid, iv, Buffer.from(tag, 'base64').subarray(0, 4).toString('base64'), data].join('.'), job, 'input'),
  ).toThrow(SealedDataError);
  expect(() => new JobDataCipher([{ id: 'a', key: key() }]).open([v, kid, iv, tag, data].join('.'), job, 'input')).toThrow(SealedDataError);
  expect(() => new JobDataCipher([B]).open([v, kid, iv, tag, data].join('.'), job, 'input')).toThrow(
    "under key 'a', which is not in the ring",
  );
  expect(() => cipher.open('v3.x.y.z.w', job, 'input')).toThrow('sealed job data is malformed');
});

test('rotation: sealed under A, ring [B, A] opens it, a re-seal moves it to B, and ring [B] opens it', () => {
  const sealedA = new JobDataCipher([A]).seal(input, job, 'input');
  const rotating = new JobDataCipher([B, A]);
  expect(rotating.open(sealedA, job, 'input')).toEqual(input);
  expect(rotating.isCurrent(sealedA)).toBe(false);
  const sealedB = rotating.reseal(sealedA, job, 'input');
  expect(rotating.keyIdOf(sealedB)).toBe('b');
  expect(rotating.isCurrent(sealedB)).toBe(true);
  expect(new JobDataCipher([B]).open(sealedB, job, 'input')).toEqual(input);
  expect(() => new JobDataCipher([B]).open(sealedA, job, 'input')).toThrow(SealedDataError);
});

test('a v1 blob written before key rings still opens as input, under any key of the ring, but never as a result', () => {
  const legacy = sealV1(input, A.key);
  expect(new JobDataCipher([A]).open(legacy, job, 'input')).toEqual(input);
  expect(new JobDataCipher([B, A]).open(legacy, { jobId: 'any', consumer: 'any', operationId: 'any' }, 'input')).toEqual(input);
  expect(() => new JobDataCipher([B]).open(legacy, job, 'input')).toThrow('opens under no key of the ring');
  expect(() => new JobDataCipher([A]).open(legacy, job, 'result')).toThrow('malformed');
  expect(new JobDataCipher([B, A]).keyIdOf(legacy)).toBeNull();
  expect(new JobDataCipher([B, A]).isCurrent(legacy)).toBe(false);
});

test('a ring with no key, a short key or a key id listed twice is refused at construction', () => {
  expect(() => new JobDataCipher([])).toThrow('ring is empty');
  expect(() => new JobDataCipher([{ id: 'a', key: randomBytes(16).toString('base64') }])).toThrow("job data key 'a' must be 32 bytes");
  expect(() => new JobDataCipher([A, { id: 'a', key: key() }])).toThrow('listed twice');
  expect(() => new JobDataCipher([{ id: 'a.b', key: key() }])).toThrow('letters, digits');
});

test('config: a key ring entry needs a safe id and 32 bytes of base64, and ids must be unique', () => {
  expect(jobDataKeySchema.safeParse(A).success).toBe(true);
  expect(jobDataKeySchema.safeParse({ id: 'a.b', key: key() }).success).toBe(false);
  expect(jobDataKeySchema.safeParse({ id: 'a', key: 'not base64 at all!' }).success).toBe(false);
  expect(jobDataKeySchema.safeParse({ id: 'a', key: randomBytes(31).toString('base64') }).success).toBe(false);
  const ring = gatewaySettingsSchema.shape.queue.shape.jobDataKeys;
  expect(ring.safeParse([]).success).toBe(false);
  expect(ring.safeParse([A, { ...B, id: 'a' }]).error?.issues[0]?.message).toBe('key ids must be unique');
  expect(ring.safeParse([B, A]).success).toBe(true);
});
