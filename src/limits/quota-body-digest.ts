import { createHmac, hkdfSync } from 'node:crypto';
import { writeJsonInTurns } from '../util/json-pieces';

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

  /**
   * Of the parsed input, so a repeat that differs only in whitespace or key order is the same
   * request. Written and hashed in slices: a 20 MiB document does not hold the event loop.
   */
  async of(input: unknown): Promise<string> {
    const hmac = createHmac('sha256', this.key);
    await writeJsonInTurns(input, 'canonical', (chunk) => hmac.update(chunk));
    return hmac.digest('base64url');
  }
}
