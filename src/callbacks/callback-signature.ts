import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-LGSP-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one `v1` per key (Stripe's scheme).
 * The timestamp is inside the signed text, so a consumer can refuse a notice replayed after
 * its tolerance window; during a key rotation the consumer holds one of the keys and finds
 * that key's `v1` among them.
 */
export function signCallback(body: string, keys: readonly string[], unixSeconds: number): string {
  const t = String(Math.floor(unixSeconds));
  const signatures = keys.map((key) => `v1=${createHmac('sha256', key).update(`${t}.`).update(body).digest('hex')}`);
  return [`t=${t}`, ...signatures].join(',');
}
