import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a callback's signature was refused, for the journal. */
export type SignatureRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch' | 'no-key';

export type SignatureCheck = { readonly verified: true } | { readonly verified: false; readonly reason: SignatureRefusal };

/**
 * Checks `X-LGSP-Signature: t=<unix>,v1=<hex>[,v1=…]` as a consumer does (README, "Verifying a
 * callback"): `t` within the tolerance either side of now, and one `v1` equal to the HMAC-SHA256
 * of `<t>.<raw body>` under one of the consumer's keys.
 */
export function checkCallbackSignature(
  header: string | undefined,
  rawBody: Buffer,
  keys: readonly string[],
  toleranceSeconds: number,
  nowSeconds = Date.now() / 1000,
): SignatureCheck {
  if (header === undefined || header === '') return { verified: false, reason: 'missing' };
  if (keys.length === 0) return { verified: false, reason: 'no-key' };
  const fields = header.split(',').map((field) => field.trim().split('='));
  const t = fields.find(([name]) => name === 't')?.[1] ?? '';
  const signatures = fields.flatMap(([name, hex]) =>
    name === 'v1' && hex !== undefined && /^[0-9a-f]{64}$/.test(hex) ? [Buffer.from(hex, 'hex')] : [],
  );
  if (!/^\d+$/.test(t) || signatures.length === 0) return { verified: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return { verified: false, reason: 'stale' };
  const expected = keys.map((key) => createHmac('sha256', key).update(`${t}.`).update(rawBody).digest());
  const match = signatures.some((signature) => expected.some((digest) => timingSafeEqual(signature, digest)));
  return match ? { verified: true } : { verified: false, reason: 'mismatch' };
}
