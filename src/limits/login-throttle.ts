import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { ConsumerRegistry } from '../auth/consumer-registry';
import type { Principal } from '../auth/token-service';
import type { BackoffPolicy, FailureBackoff } from './failure-backoff';
import { SecretChecksBusyError } from './secret-check-limiter';

/** The `throttle` section of gateway.yaml, as the throttle reads it. */
export interface LoginThrottleSettings {
  windowSeconds: number;
  baseLockMs: number;
  maxLockSeconds: number;
  perClient: { failures: number };
  perSource: { failures: number };
  /** A Redis that does not answer within this is treated as away (fail open). */
  redisTimeoutMs: number;
}

export type ThrottleScope = 'client' | 'source';
export type AuthEndpoint = 'token' | 'login';

/** What a credential check came to; the routes turn each kind into their own answer. */
export type CredentialOutcome =
  | { kind: 'accepted'; principal: Principal }
  | { kind: 'wrong' }
  | { kind: 'throttled'; scope: ThrottleScope; retryAfterSeconds: number }
  | { kind: 'busy'; retryAfterSeconds: number };

/** Sees every refusal the throttle makes (metrics). */
export interface ThrottleObserver {
  refused(endpoint: AuthEndpoint, reason: 'throttled' | 'busy', scope?: ThrottleScope): void;
}

export interface CredentialAttempt {
  id: string;
  secret: string;
  /** `req.ip` (trusted-proxy aware); null when unknown. */
  source: string | null;
  endpoint: AuthEndpoint;
}

/** Checks credentials without a throttle: what the routes do when none is wired (unit tests). */
export interface CredentialChecker {
  check(attempt: CredentialAttempt): Promise<CredentialOutcome>;
}

const WARN_EVERY_MS = 10_000;

/** The client id as a bounded, safe key part: ids are attacker-chosen text of any length. */
export const clientSubject = (id: string): string => `client:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;

/** IPv4-mapped addresses as IPv4, IPv6 by its /64 (one host usually holds a whole /64). */
export function sourceSubject(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return `source:${v4}`;
  if (isIP(address) !== 6) return `source:${address.slice(0, 64)}`;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `source:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Brute-force protection of `/token` and `/admin/login`, shared by every gateway process through
 * Redis: failures are counted per client id and per source address, and past a threshold each
 * further failure locks that subject for `baseLockMs × 2^k` (up to `maxLockSeconds`). A locked
 * subject is refused without any secret check. Both endpoints share the counts (an operator's
 * secret can be tried at either). While Redis is away the throttle fails open (WARN) and the
 * per-process cap on secret checks still holds.
 */
export class LoginThrottle implements CredentialChecker {
  private lastWarn = 0;

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly backoff: FailureBackoff,
    private readonly settings: LoginThrottleSettings,
    private readonly logger: Logger,
    private readonly observer?: ThrottleObserver,
  ) {}

  async check(attempt: CredentialAttempt): Promise<CredentialOutcome> {
    const subjects = this.subjects(attempt);
    const locked = await this.lockedSubject(subjects);
    if (locked) {
      this.observer?.refused(attempt.endpoint, 'throttled', locked.scope);
      return { kind: 'throttled', scope: locked.scope, retryAfterSeconds: Math.max(1, Math.ceil(locked.ms / 1000)) };
    }
    let principal: Principal | null;
    try {
      principal = await this.consumers.authenticate(attempt.id, attempt.secret);
    } catch (err) {
      if (!(err instanceof SecretChecksBusyError)) throw err;
      this.observer?.refused(attempt.endpoint, 'busy');
      return { kind: 'busy', retryAfterSeconds: 1 };
    }
    if (principal) {
      await this.guarded('clear', () => this.backoff.clear(clientSubject(attempt.id)));
      return { kind: 'accepted', principal };
    }
    await Promise.all(subjects.map(({ subject, scope }) => this.guarded('count', () => this.backoff.fail(subject, this.policy(scope)))));
    return { kind: 'wrong' };
  }

  private subjects(attempt: CredentialAttempt): Array<{ subject: string; scope: ThrottleScope }> {
    const list: Array<{ subject: string; scope: ThrottleScope }> = [{ subject: clientSubject(attempt.id), scope: 'client' }];
    if (attempt.source) list.push({ subject: sourceSubject(attempt.source), scope: 'source' });
    return list;
  }

  private async lockedSubject(
    subjects: ReadonlyArray<{ subject: string; scope: ThrottleScope }>,
  ): Promise<{ scope: ThrottleScope; ms: number } | null> {
    const locks = await Promise.all(
      subjects.map(async ({ subject, scope }) => ({
        scope,
        ms: (await this.guarded('check', () => this.backoff.lockedFor(subject, this.policy(scope)))) ?? 0,
      })),
    );
    const longest = locks.reduce((a, b) => (b.ms > a.ms ? b : a));
    return longest.ms > 0 ? longest : null;
  }

  private policy(scope: ThrottleScope): BackoffPolicy {
    const { windowSeconds, baseLockMs, maxLockSeconds, perClient, perSource } = this.settings;
    return {
      failures: scope === 'client' ? perClient.failures : perSource.failures,
      windowMs: windowSeconds * 1000,
      baseLockMs,
      maxLockMs: maxLockSeconds * 1000,
    };
  }

  /** Runs a Redis step with a deadline; on failure the throttle fails open (undefined) and says so, at most every 10 s. */
  private async guarded<T>(what: string, step: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${this.settings.redisTimeoutMs} ms`)),
        this.settings.redisTimeoutMs,
      );
    });
    try {
      return await Promise.race([step(), deadline]);
    } catch (err) {
      const now = Date.now();
      if (now - this.lastWarn >= WARN_EVERY_MS) {
        this.lastWarn = now;
        this.logger.warn({ err, step: what }, 'login throttle cannot reach Redis: failing open (the cap on secret checks still holds)');
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** No throttle, only the registry (and its cap on secret checks): for apps built without Redis. */
export function unthrottled(consumers: ConsumerRegistry): CredentialChecker {
  return {
    async check(attempt) {
      try {
        const principal = await consumers.authenticate(attempt.id, attempt.secret);
        return principal ? { kind: 'accepted', principal } : { kind: 'wrong' };
      } catch (err) {
        if (err instanceof SecretChecksBusyError) return { kind: 'busy', retryAfterSeconds: 1 };
        throw err;
      }
    },
  };
}
