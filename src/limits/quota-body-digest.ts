import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The digest kept with an idempotent submit, to tell a repeat from a new request under the same
 * key (IETF Idempotency-Key draft: 422). An HMAC, not a plain hash: bodies carry citizen ids,
 * which a plain SHA-256 would let anyone with Redis access confirm by brute force.
 */
export class BodyDigest {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived: the digest never reveals anything about the sealing key.
    this.key = Buffer.from(hkdfSync('sha256', secret, 'lgsp-idempotency', 'body-digest', 32));
  }

  /** Of the parsed input, so a repeat that differs only in whitespace or key order is the same request. */
  of(input: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson(input)).digest('base64url');
  }
}

function canonicalJson(value: unknown): string {
  const toJson = (value as { toJSON?: unknown } | null)?.toJSON;
  if (typeof toJson === 'function') return canonicalJson(toJson.call(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
