import { randomBytes } from 'node:crypto';
import type { ConsumerConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import { SecretCheckLimiter } from '../limits/secret-check-limiter';
import type { Principal } from './token-service';
import { verifySecret } from './secret-hash';
import { VerifiedSecretCache } from './verified-secret-cache';

/** A hash no secret matches in practice (random salt and key), checked for unknown ids. */
const UNKNOWN_CLIENT_HASH = `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

export interface SecretCheckOptions {
  /** Pairs scrypt accepted recently; a hit costs no scrypt. Default: none kept. */
  cache?: VerifiedSecretCache;
  /** Cap on scrypt checks at once; past it `authenticate` rejects with SecretChecksBusyError. */
  limiter?: SecretCheckLimiter;
  /** The scrypt check itself (tests count calls through it). */
  verify?: (secret: string, stored: string) => Promise<boolean>;
}

/** The configured consumers and operators: who they are and what they may call. */
export class ConsumerRegistry {
  private readonly byId: Map<string, ConsumerConfig>;
  private readonly cache: VerifiedSecretCache;
  private readonly limiter: SecretCheckLimiter;
  private readonly verify: (secret: string, stored: string) => Promise<boolean>;
  /** scrypt checks run and checks answered from the cache, for metrics and tests. */
  readonly counts = { scrypt: 0, cacheHits: 0 };
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(consumers: readonly ConsumerConfig[], options: SecretCheckOptions = {}) {
    this.byId = new Map(consumers.map((c) => [c.id, c]));
    this.cache = options.cache ?? new VerifiedSecretCache({ maxEntries: 0, ttlMs: 0 });
    this.limiter = options.limiter ?? new SecretCheckLimiter({ maxConcurrent: Number.MAX_SAFE_INTEGER, maxWaiting: 0 });
    this.verify = options.verify ?? verifySecret;
  }

  /** scrypt checks running now in this process. */
  get secretChecksInFlight(): number {
    return this.limiter.inFlight;
  }

  get(id: string): ConsumerConfig | undefined {
    return this.byId.get(id);
  }

  /** Checks client credentials; the same answer whether the id or the secret is wrong. */
  async authenticate(id: string, secret: string): Promise<Principal | null> {
    const consumer = this.byId.get(id);
    if (consumer && this.cache.has(id, secret, consumer.secretHash)) {
      this.counts.cacheHits += 1;
      return { id: consumer.id, role: consumer.role };
    }
    // An unknown id costs the same scrypt work, so timing does not tell which ids exist.
    const ok = await this.checkOnce(id, secret, consumer?.secretHash ?? UNKNOWN_CLIENT_HASH);
    if (!ok || !consumer) return null;
    this.cache.remember(id, secret, consumer.secretHash);
    return { id: consumer.id, role: consumer.role };
  }

  /** Identical checks arriving together (a client's connections all starting at once) share one scrypt. */
  private checkOnce(id: string, secret: string, stored: string): Promise<boolean> {
    const key = this.cache.digest(id, secret);
    const running = this.inFlight.get(key);
    if (running) return running;
    const check = this.limiter
      .run(() => {
        this.counts.scrypt += 1;
        return this.verify(secret, stored);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, check);
    return check;
  }

  mayCall(principal: Principal, serviceId: string): boolean {
    return this.byId.get(principal.id)?.services.includes(serviceId) ?? false;
  }

  /** Operators see the whole directory; consumers see what they may call. */
  maySee(principal: Principal, serviceId: string): boolean {
    return principal.role === 'operator' || this.mayCall(principal, serviceId);
  }

  assertMayCall(principal: Principal, serviceId: string): void {
    if (!this.mayCall(principal, serviceId)) {
      throw new GatewayError('Client.AccessDenied', `Consumer '${principal.id}' has no access to service '${serviceId}'`);
    }
  }
}
