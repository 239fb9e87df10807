import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import type { ConnectionConfig } from '../config/schema';
import { GatewayError, isGatewayError } from '../errors/gateway-error';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerTransition {
  state: BreakerState;
  at: string;
}

interface Entry {
  breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  resetTimeoutMs: number;
  openedAt: number;
  transitions: BreakerTransition[];
}

const KEEP_TRANSITIONS = 20;

/**
 * One opossum breaker per connection, made at start and shared by the sync and async paths
 * of the process. Only failures that trying again could cure count (a provider's rejection
 * of the content does not open it): the error rate over the rolling window, or
 * `consecutiveFailures` in a row, opens it. The call's own deadline aborts the HTTP request, so
 * opossum's timeout, which cannot cancel anything, is off.
 */
export class CircuitBreakers {
  private readonly entries = new Map<string, Entry>();

  constructor(
    connections: readonly ConnectionConfig[],
    private readonly logger: Logger,
    /** Told of every transition (published for the operators' view). */
    private readonly onTransition: (serviceId: string, t: BreakerTransition) => void = () => undefined,
    private readonly clock: () => number = Date.now,
  ) {
    for (const c of connections) {
      const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
        name: c.id,
        timeout: false,
        volumeThreshold: c.breaker.volumeThreshold,
        errorThresholdPercentage: c.breaker.errorThresholdPercentage,
        resetTimeout: c.breaker.resetTimeoutMs,
        rollingCountTimeout: c.breaker.rollingCountTimeoutMs,
        // Latency percentiles come from the connection log; opossum would keep and sort every call's latency.
        rollingPercentilesEnabled: false,
        errorFilter: (err: unknown) => isGatewayError(err) && !err.retryable,
      });
      const entry: Entry = { breaker, resetTimeoutMs: c.breaker.resetTimeoutMs, openedAt: 0, transitions: [] };
      const note = (state: BreakerState): void => {
        if (state === 'open') entry.openedAt = this.clock();
        const transition = { state, at: new Date(this.clock()).toISOString() };
        entry.transitions.push(transition);
        if (entry.transitions.length > KEEP_TRANSITIONS) entry.transitions.shift();
        this.onTransition(c.id, transition);
        this.logger[state === 'open' ? 'warn' : 'info']({ serviceId: c.id, state }, 'circuit breaker state changed');
      };
      // A window full of earlier successes keeps the error rate under the threshold for a
      // while after a busy provider goes down; failures in a row open the breaker sooner.
      let inARow = 0;
      breaker.on('success', () => (inARow = 0));
      breaker.on('failure', () => {
        inARow += 1;
        if (inARow >= c.breaker.consecutiveFailures && !breaker.opened) breaker.open();
      });
      breaker.on('open', () => {
        inARow = 0;
        note('open');
      });
      breaker.on('halfOpen', () => note('halfOpen'));
      breaker.on('close', () => note('closed'));
      this.entries.set(c.id, entry);
    }
  }

  /** Runs a provider exchange through the connection's breaker; fails fast while it is open. */
  async run<T>(serviceId: string, call: () => Promise<T>): Promise<T> {
    const entry = this.entry(serviceId);
    try {
      return (await entry.breaker.fire(call)) as T;
    } catch (err) {
      if ((err as { code?: string } | null)?.code === 'EOPENBREAKER') {
        throw new GatewayError('Server.Gateway.CircuitOpen', `The connection ${serviceId} is suspended after repeated provider failures`, {
          retryAfterSeconds: Math.max(1, Math.ceil(this.retryAfterMs(serviceId) / 1000)),
        });
      }
      throw err;
    }
  }

  state(serviceId: string): BreakerState {
    const { breaker } = this.entry(serviceId);
    if (breaker.halfOpen) return 'halfOpen';
    return breaker.opened ? 'open' : 'closed';
  }

  /** Open and not yet due for a trial call. */
  isOpen(serviceId: string): boolean {
    return this.state(serviceId) === 'open';
  }

  /** Time left before the breaker lets a trial call through. */
  retryAfterMs(serviceId: string): number {
    const entry = this.entry(serviceId);
    if (!entry.breaker.opened) return 0;
    return Math.max(0, entry.openedAt + entry.resetTimeoutMs - this.clock());
  }

  transitions(serviceId: string): readonly BreakerTransition[] {
    return this.entry(serviceId).transitions;
  }

  shutdown(): void {
    for (const entry of this.entries.values()) entry.breaker.shutdown();
  }

  private entry(serviceId: string): Entry {
    const entry = this.entries.get(serviceId);
    if (!entry) throw new Error(`no breaker for ${serviceId}`);
    return entry;
  }
}
