import { createHmac, randomBytes } from 'node:crypto';
import { jsonPieces, mayExceedChars, writeJsonInTurns } from '../../src/util/json-pieces';
import { BodyDigest } from '../../src/limits/quota-body-digest';
import { JobDataCipher, SealedDataError } from '../../src/queue/job-data-cipher';
import { TextPieces } from '../../src/util/text-pieces';
import { readXml } from '../../src/xml/read-xml';
import { turnsDuring } from '../support/event-loop-turns';

// A long string whose 8-character slices end on the high half of a surrogate pair, and escapes.
const EMOJI_AT_CUT = `abcdefg😀${'x'.repeat(7)}😀"\\\n\r\t\u0001đường`;
const VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['a number', 12.5],
  ['a non-finite number', Number.NaN],
  ['a string with escapes and Vietnamese', 'Nguyễn "Văn" \\ An\n'],
  ['a surrogate pair at a slice boundary', EMOJI_AT_CUT],
  ['a lone surrogate', 'ab\ud800cd'],
  ['nested objects and arrays', { a: [1, 'x', { b: null, c: [true, false] }], 'k"ey': { d: EMOJI_AT_CUT } }],
  ['undefined, functions and symbols', { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1], e: 1 }],
  ['a Date', { at: new Date('2024-03-15T01:02:03.000Z') }],
  ['empty containers', { a: {}, b: [], c: '' }],
];

describe('jsonPieces', () => {
  it.each(VALUES)('writes %s exactly as JSON.stringify does', (_label, value) => {
    expect(Array.from(jsonPieces(value, 'plain', 8)).join('')).toBe(JSON.stringify(value) ?? 'null');
  });

  it('never cuts a string between the halves of a surrogate pair', () => {
    const pieces = Array.from(jsonPieces(EMOJI_AT_CUT, 'plain', 8));
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(piece).not.toMatch(/\\ud83d"?$/i);
    expect(JSON.parse(pieces.join(''))).toBe(EMOJI_AT_CUT);
  });

  it('writes the canonical form with keys sorted, as the idempotency digest always has', () => {
    const value = { b: [2, { z: 1, a: undefined }], a: 'x' };
    expect(Array.from(jsonPieces(value, 'canonical', 4)).join('')).toBe('{"a":"x","b":[2,{"a":null,"z":1}]}');
  });

  it('refuses a circular structure as JSON.stringify does', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = loop;
    expect(() => Array.from(jsonPieces(loop))).toThrow(TypeError);
  });
});

describe('TextPieces', () => {
  const whole = `<a x="1">${'Kế hoạch "số" 😀\n'.repeat(50)}<b>${'y'.repeat(300)}</b></a>`;
  const cut = (text: string, size: number): TextPieces => {
    // Cut as a UTF-8 decoder would: never between the halves of a surrogate pair.
    const pieces: string[] = [];
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + size);
      if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? '')) end -= 1;
      pieces.push(text.slice(at, end));
      at = end;
    }
    return new TextPieces(pieces);
  };

  it('is written as the JSON string of its whole text, without joining it', () => {
    const text = cut(whole, 37);
    const join = jest.spyOn(text, 'toString');
    expect(Array.from(jsonPieces({ edXML: text }, 'plain', 16)).join('')).toBe(JSON.stringify({ edXML: whole }));
    expect(Array.from(jsonPieces({ edXML: text }, 'canonical', 16)).join('')).toBe(
      Array.from(jsonPieces({ edXML: whole }, 'canonical')).join(''),
    );
    expect(join).not.toHaveBeenCalled();
    expect(JSON.stringify({ edXML: text })).toBe(JSON.stringify({ edXML: whole }));
  });

  it('gives the same idempotency digest as the same file sent as a JSON string', async () => {
    const digest = new BodyDigest('a-secret-long-enough-for-the-digest');
    expect(await digest.of({ edXML: cut(whole, 50) })).toBe(await digest.of({ edXML: whole }));
  });

  it('is read by the XML reader piece by piece into the same tree as the joined text', async () => {
    const text = cut(whole, 29);
    const join = jest.spyOn(text, 'toString');
    expect(await readXml(text)).toEqual(await readXml(whole));
    expect(join).not.toHaveBeenCalled();
    expect(text.head(9)).toBe(whole.slice(0, 9));
    expect(mayExceedChars({ edXML: text }, whole.length - 10)).toBe(true);
  });
});

describe('mayExceedChars', () => {
  it('tells a small input from a large one by its strings and keys, stopping early', () => {
    expect(mayExceedChars({ soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An' }, 1000)).toBe(false);
    expect(mayExceedChars({ edXML: 'x'.repeat(2000) }, 1000)).toBe(true);
    expect(mayExceedChars({ items: Array.from({ length: 300 }, () => 'abcd') }, 1000)).toBe(true);
  });
});

describe('work done in slices', () => {
  const big = { edXML: `<edXML>${randomBytes(3 * 1024 * 1024).toString('base64')}</edXML>`, note: 'Kế hoạch' };

  it('writeJsonInTurns hands the whole text over, with turns of the event loop between chunks', async () => {
    const chunks: string[] = [];
    const turns = await turnsDuring(() => writeJsonInTurns(big, 'plain', (c) => chunks.push(c), 256 * 1024));
    expect(chunks.join('')).toBe(JSON.stringify(big));
    expect(chunks.length).toBeGreaterThan(10);
    expect(turns).toBeGreaterThanOrEqual(chunks.length - 1);
  });

  it('the idempotency digest is the HMAC of the canonical text, computed in slices', async () => {
    const digest = new BodyDigest('a-secret-long-enough-for-the-digest');
    const turns = await turnsDuring(async () => {
      const first = await digest.of(big);
      expect(first).toBe(await digest.of({ note: 'Kế hoạch', edXML: big.edXML }));
      expect(first).not.toBe(await digest.of({ ...big, note: 'Kế hoạch 2' }));
    });
    expect(turns).toBeGreaterThan(10);
    // The same digest the one-shot form gave: idempotency records written before stay valid.
    const key = (digest as unknown as { key: Buffer }).key;
    expect(await digest.of({ b: 1, a: [null, 'x'] })).toBe(createHmac('sha256', key).update('{"a":[null,"x"],"b":1}').digest('base64url'));
  });
});

describe('JobDataCipher.sealInTurns / openInTurns', () => {
  const A = { id: 'key-a', key: randomBytes(32).toString('base64') };
  const B = { id: 'key-b', key: randomBytes(32).toString('base64') };
  const binding = { jobId: 'truc-lien-thong-van-ban.k1', consumer: 'qlvb', operationId: 'gui-van-ban' };
  const input = { edXML: `<edXML>${randomBytes(2 * 1024 * 1024).toString('base64')}</edXML>`, ghiChu: 'Văn bản 😀' };

  it('seals into bytes and opens them again, in slices both ways', async () => {
    const cipher = new JobDataCipher([A]);
    let sealed: Buffer = Buffer.alloc(0);
    const sealTurns = await turnsDuring(async () => {
      sealed = await cipher.sealInTurns(input, binding, 'input');
    });
    expect(sealed.subarray(0, 9).toString('latin1')).toBe('b2.key-a.');
    expect(sealed.includes(Buffer.from('Văn bản'))).toBe(false);
    // Bytes, not base64: about the size of the JSON, not a third more.
    expect(sealed.length).toBeLessThan(Buffer.byteLength(JSON.stringify(input)) + 64);
    let opened: unknown;
    const openTurns = await turnsDuring(async () => {
      opened = await cipher.openInTurns(sealed, binding, 'input');
    });
    expect(opened).toEqual(input);
    expect(sealTurns).toBeGreaterThan(5);
    expect(openTurns).toBeGreaterThan(1);
    expect(cipher.keyIdOfBytes(sealed)).toBe('key-a');
  });

  it('opens under any key of the ring, and refuses another binding, a tampered byte and an unknown key', async () => {
    const sealed = await new JobDataCipher([A]).sealInTurns(input, binding, 'input');
    expect(await new JobDataCipher([B, A]).openInTurns(sealed, binding, 'input')).toEqual(input);
    const cipher = new JobDataCipher([A]);
    await expect(cipher.openInTurns(sealed, { ...binding, jobId: 'truc-lien-thong-van-ban.k2' }, 'input')).rejects.toBeInstanceOf(
      SealedDataError,
    );
    await expect(cipher.openInTurns(sealed, binding, 'result')).rejects.toBeInstanceOf(SealedDataError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] ?? 0) ^ 1;
    await expect(cipher.openInTurns(tampered, binding, 'input')).rejects.toThrow(/tampered/);
    await expect(new JobDataCipher([B]).openInTurns(sealed, binding, 'input')).rejects.toThrow(/not in the ring/);
    await expect(cipher.openInTurns(Buffer.from('v2.key-a.x.y.z'), binding, 'input')).rejects.toThrow(/malformed/);
  });
});
