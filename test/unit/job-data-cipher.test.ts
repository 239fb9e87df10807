import { randomBytes } from 'node:crypto';
import { JobDataCipher } from '../../src/queue/job-data-cipher';

const key = () => randomBytes(32).toString('base64');

test('sealed input opens to the same value and shows none of it', () => {
  const cipher = new JobDataCipher(key());
  const input = { hoTen: 'Nguyễn Văn An', soCCCD: '024090001234', list: [1, 2, 3] };
  const sealed = cipher.seal(input);
  expect(sealed).not.toContain('024090001234');
  expect(sealed).not.toContain(Buffer.from('024090001234').toString('base64'));
  expect(cipher.open(sealed)).toEqual(input);
});

test('every seal gets its own IV, across many blocks of random bytes', () => {
  const cipher = new JobDataCipher(key());
  const ivs = Array.from({ length: 2000 }, () => cipher.seal({ same: 'input' }).split('.')[1]);
  expect(new Set(ivs).size).toBe(2000);
});

test('a tampered seal, or one opened with another key, is refused', () => {
  const cipher = new JobDataCipher(key());
  const [v, iv, tag, data] = cipher.seal({ a: 1 }).split('.') as [string, string, string, string];
  const flipped = Buffer.from(data, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => cipher.open([v, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  expect(() => new JobDataCipher(key()).open([v, iv, tag, data].join('.'))).toThrow();
  expect(() => cipher.open('v2.x.y.z')).toThrow('sealed job data is malformed');
  expect(() => new JobDataCipher(randomBytes(16).toString('base64'))).toThrow('job data key must be 32 bytes');
});
