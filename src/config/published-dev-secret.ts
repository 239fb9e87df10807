import { scryptSync, timingSafeEqual } from 'node:crypto';

/** The client secret the README and `npm start` publish for each shipped consumer. */
export function publishedDevSecret(consumerId: string): string {
  return `${consumerId}-dev-secret`;
}

/**
 * Whether a `scrypt$N$r$p$salt$hash` hash is of the consumer's published development secret:
 * a hash freshly made of `<id>-dev-secret` differs from the shipped one but opens just the same.
 * Synchronous (one scrypt, ~40 ms) because it runs once per consumer at a production start.
 */
export function hashesPublishedDevSecret(hash: string, consumerId: string | undefined): boolean {
  if (consumerId === undefined) return false;
  const [scheme, n, r, p, salt, digest] = hash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !digest) return false;
  const expected = Buffer.from(digest, 'base64');
  try {
    const actual = scryptSync(publishedDevSecret(consumerId), Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false; // parameters scrypt refuses: the schema reports the hash
  }
}
