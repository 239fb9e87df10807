import { randomUUID } from 'node:crypto';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** WSO2-style opaque access tokens: random, valid for a lifetime, revocable all at once. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();
  private issued = 0;

  constructor(
    private lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { accessToken: string; expiresIn: number } {
    this.prune();
    const accessToken = randomUUID();
    this.expiries.set(accessToken, this.now() + this.lifetimeSeconds * 1000);
    this.issued++;
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }

  isValid(token: string): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && expiry > this.now();
  }

  /** Lifetime of tokens issued from now on. */
  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  revokeAll(): void {
    this.expiries.clear();
  }

  /** `issued` counts every token since start; `active` those still valid. */
  stats(): { issued: number; active: number; expiresIn: number } {
    this.prune();
    return { issued: this.issued, active: this.expiries.size, expiresIn: this.lifetimeSeconds };
  }

  private prune(): void {
    const now = this.now();
    for (const [token, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(token);
  }
}
