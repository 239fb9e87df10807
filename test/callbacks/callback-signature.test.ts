import { createHmac } from 'node:crypto';
import { checkCallbackSignature } from '../../mocks/callbacks/callback-signature-check';
import { signCallback } from '../../src/callbacks/callback-signature';
import { readmeVerifier } from './readme-verifier';

const verify = readmeVerifier();
const KEY = 'a-consumer-callback-key-of-at-least-32-chars';
const OTHER = 'another-consumer-callback-key-of-32-chars!!';
const BODY = JSON.stringify({ jobId: 'csdl-gia.1', outcome: 'completed', hoVaTen: 'Nguyễn Văn An' });
const T = 1_764_500_000;

describe('X-LGSP-Signature as the gateway makes it', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', KEY).update(`${T}.${BODY}`).digest('hex');
    expect(signCallback(BODY, [KEY], T + 0.9)).toBe(`t=${T},v1=${expected}`);
  });

  it('carries one v1 per key while a key is rotated', () => {
    const header = signCallback(BODY, [KEY, OTHER], T);
    expect(header.split(',')).toEqual([`t=${T}`, expect.stringMatching(/^v1=[0-9a-f]{64}$/), expect.stringMatching(/^v1=[0-9a-f]{64}$/)]);
  });
});

describe("the README's check, run as printed", () => {
  it('accepts the signature of the key the consumer holds, on the raw bytes or their text', () => {
    const header = signCallback(BODY, [KEY], T);
    expect(verify(header, Buffer.from(BODY), KEY, 300, T + 10)).toBe(true);
    expect(verify(header, BODY, KEY, 300, T + 10)).toBe(true);
  });

  it('refuses another key, a changed body, a missing or malformed header', () => {
    const header = signCallback(BODY, [KEY], T);
    expect(verify(header, BODY, OTHER, 300, T)).toBe(false);
    expect(verify(header, BODY.replace('completed', 'failed'), KEY, 300, T)).toBe(false);
    expect(verify(undefined, BODY, KEY, 300, T)).toBe(false);
    expect(verify(header.replace(/^t=\d+,/, ''), BODY, KEY, 300, T)).toBe(false);
    expect(verify(header.replace(`t=${T}`, `t=${T + 1}`), BODY, KEY, 300, T)).toBe(false);
    expect(verify(`t=${T},v1=zz`, BODY, KEY, 300, T)).toBe(false);
  });

  it('refuses a signature older (or newer) than the tolerance window: a replayed callback', () => {
    const header = signCallback(BODY, [KEY], T);
    expect(verify(header, BODY, KEY, 300, T + 300)).toBe(true);
    expect(verify(header, BODY, KEY, 300, T + 301)).toBe(false);
    expect(verify(header, BODY, KEY, 300, T - 301)).toBe(false);
    expect(verify(header, BODY, KEY, 60, T + 61)).toBe(false);
  });

  it('during a rotation accepts the callback with either key', () => {
    const header = signCallback(BODY, [OTHER, KEY], T);
    expect(verify(header, BODY, KEY, 300, T)).toBe(true);
    expect(verify(header, BODY, OTHER, 300, T)).toBe(true);
    expect(verify(header, BODY, 'a-third-key-nobody-signed-with-000000000', 300, T)).toBe(false);
  });
});

describe("the mock consumer's check agrees with the README and says why it refuses", () => {
  const body = Buffer.from(BODY);
  it.each([
    ['a good signature', signCallback(BODY, [KEY], T), [KEY], T + 5, { verified: true }],
    ['either key of a rotation', signCallback(BODY, [OTHER, KEY], T), [KEY], T, { verified: true }],
    ['no header', undefined, [KEY], T, { verified: false, reason: 'missing' }],
    ['no timestamp', `v1=${'a'.repeat(64)}`, [KEY], T, { verified: false, reason: 'malformed' }],
    ['a stale timestamp', signCallback(BODY, [KEY], T - 301), [KEY], T, { verified: false, reason: 'stale' }],
    ['another key', signCallback(BODY, [OTHER], T), [KEY], T, { verified: false, reason: 'mismatch' }],
    ['no key held', signCallback(BODY, [KEY], T), [], T, { verified: false, reason: 'no-key' }],
  ] as const)('%s', (_what, header, keys, now, expected) => {
    expect(checkCallbackSignature(header, body, keys, 300, now)).toEqual(expected);
    expect(verify(header, body, keys[0] ?? '', 300, now)).toBe(expected.verified);
  });
});
