/**
 * JSON text written piece by piece, so a caller can hand the event loop back between pieces:
 * `JSON.stringify` of a 20 MiB edXML document holds the loop for a tenth of a second or more
 * in one call, and whatever is done with the text (sealing, hashing) holds it again.
 *
 * `plain` gives exactly `JSON.stringify(value)`; `canonical` gives the idempotency digest's
 * canonical form (keys sorted, `undefined` written as `null`). Long strings are cut into slices
 * of at most `sliceChars`, never between the two halves of a surrogate pair.
 */
import { TextPieces } from './text-pieces';

export type JsonForm = 'plain' | 'canonical';

const DEFAULT_SLICE_CHARS = 64 * 1024;

export function* jsonPieces(value: unknown, form: JsonForm = 'plain', sliceChars = DEFAULT_SLICE_CHARS): Generator<string> {
  const ancestors: object[] = [];
  const resolve = (v: unknown, key: string): unknown => {
    // Written piece by piece below, never joined through its toJSON.
    if (v instanceof TextPieces) return v;
    const toJson = (v as { toJSON?: unknown } | null | undefined)?.toJSON;
    if (typeof toJson !== 'function') return v;
    return form === 'plain' ? toJson.call(v, key) : toJson.call(v);
  };
  /** Writes a value whose toJSON (if any) has been applied. */
  function* write(v: unknown): Generator<string> {
    if (typeof v === 'string') {
      yield* stringPieces(v, sliceChars);
      return;
    }
    if (v instanceof TextPieces) {
      // The pieces were decoded whole characters at a time, so no cut splits a surrogate pair.
      yield '"';
      for (const piece of v.pieces) yield* stringPieces(piece, sliceChars, false);
      yield '"';
      return;
    }
    if (v === null || typeof v !== 'object' || v instanceof String || v instanceof Number || v instanceof Boolean) {
      // Primitives (and boxed ones) as JSON.stringify writes them; what it omits is `null` here.
      yield JSON.stringify(v) ?? 'null';
      return;
    }
    if (ancestors.includes(v)) throw new TypeError('Converting circular structure to JSON');
    ancestors.push(v);
    if (Array.isArray(v)) {
      yield '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) yield ',';
        yield* write(resolve(v[i], String(i)));
      }
      yield ']';
    } else {
      const record = v as Record<string, unknown>;
      const keys = form === 'canonical' ? Object.keys(record).sort() : Object.keys(record);
      yield '{';
      let first = true;
      for (const k of keys) {
        const item = resolve(record[k], k);
        // JSON.stringify leaves out what it cannot write; the canonical form writes it as null.
        if (form === 'plain' && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) continue;
        yield `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        yield* write(item);
      }
      yield '}';
    }
    ancestors.pop();
  }
  yield* write(resolve(value, ''));
}

/** A string's JSON, cut into slices; without its quotes when it is one part of a longer text. */
function* stringPieces(s: string, sliceChars: number, quoted = true): Generator<string> {
  if (s.length <= sliceChars) {
    yield quoted ? JSON.stringify(s) : JSON.stringify(s).slice(1, -1);
    return;
  }
  if (quoted) yield '"';
  for (let at = 0; at < s.length;) {
    let end = Math.min(s.length, at + sliceChars);
    // A high surrogate at the cut goes with its low half into the next slice.
    if (end < s.length && isHighSurrogate(s.charCodeAt(end - 1))) end -= 1;
    yield JSON.stringify(s.slice(at, end)).slice(1, -1);
    at = end;
  }
  if (quoted) yield '"';
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Whether the JSON of `value` may be longer than `chars`: string lengths and keys are summed
 * until the sum passes the limit (a cheap walk that stops early), without writing anything.
 */
export function mayExceedChars(value: unknown, chars: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (v instanceof TextPieces) total += v.length + 2;
    else if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) {
        total += v.length + 2;
        for (const item of v) stack.push(item);
      } else {
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          total += k.length + 4;
          stack.push(item);
        }
      }
    } else total += 8;
    if (total > chars) return true;
  }
  return false;
}

/** Gives the event loop a turn: other requests' callbacks and timers run before the next slice. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Hands the JSON of `value` to `sink` in chunks of about `chunkChars`, with a turn of the event
 * loop between chunks.
 */
export async function writeJsonInTurns(
  value: unknown,
  form: JsonForm,
  sink: (chunk: string) => void,
  chunkChars = 256 * 1024,
): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  let flushed = false;
  for (const piece of jsonPieces(value, form, chunkChars)) {
    parts.push(piece);
    size += piece.length;
    if (size >= chunkChars) {
      if (flushed) await yieldToLoop();
      sink(parts.join(''));
      flushed = true;
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) {
    if (flushed) await yieldToLoop();
    sink(parts.join(''));
  }
}
