import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface VerifiedSecretCacheOptions {
  /** Client ids remembered at most (the oldest is dropped first). */
  maxEntries: number;
  ttlMs: number;
  clock?: () => number;
}

interface Entry {
  mac: Buffer;
  /** The configured hash the secret was checked against: a changed hash makes the entry void. */
  secretHash: string;
  expiresAt: number;
}

/**
 * Remembers (id, secret) pairs scrypt recently accepted, so a busy client asking for tokens costs
 * one HMAC instead of ~40 ms of scrypt. Only an HMAC of the secret under a random per-process key
 * is kept (never the secret, never anything useful outside this process), compared in constant
 * time. Bounded in size and age; an entry whose consumer's `secretHash` changed is ignored.
 */
export class VerifiedSecretCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly clock: () => number;

  constructor(private readonly options: VerifiedSecretCacheOptions) {
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** True when this exact pair was verified against this `secretHash` less than ttlMs ago. */
  has(id: string, secret: string, secretHash: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    if (entry.expiresAt <= this.clock() || entry.secretHash !== secretHash) {
      this.entries.delete(id);
      return false;
    }
    return timingSafeEqual(entry.mac, this.mac(id, secret));
  }

  remember(id: string, secret: string, secretHash: string): void {
    if (this.options.maxEntries <= 0 || this.options.ttlMs <= 0) return;
    this.entries.delete(id);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { mac: this.mac(id, secret), secretHash, expiresAt: this.clock() + this.options.ttlMs });
  }

  /** The pair's HMAC under this process's key, as text: a key for the pair that reveals nothing. */
  digest(id: string, secret: string): string {
    return this.mac(id, secret).toString('base64');
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  private mac(id: string, secret: string): Buffer {
    return createHmac('sha256', this.key).update(id).update('\0').update(secret).digest();
  }
}
