import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConsumerRegistry } from '../auth/consumer-registry';
import type { AuthEndpoint, ThrottleObserver, ThrottleScope } from './login-throttle';

/**
 * Metrics of the login throttle on the gateway's registry: refusals by endpoint and reason,
 * secret checks by how they were answered (scrypt or the verified-pair cache), and scrypt
 * checks running now.
 */
export class ThrottleMetrics implements ThrottleObserver {
  private readonly refusals: Counter<'endpoint' | 'reason' | 'scope'>;

  constructor(registry: Registry, consumers: ConsumerRegistry) {
    const registers = [registry];
    this.refusals = new Counter({
      name: 'lgsp_auth_throttled_total',
      help: 'Requests to /token and /admin/login refused by the throttle (reason throttled, scope client or source) or by the cap on secret checks (reason busy)',
      labelNames: ['endpoint', 'reason', 'scope'],
      registers,
    });
    const seen = { scrypt: 0, cacheHits: 0 };
    new Counter({
      name: 'lgsp_secret_checks_total',
      help: 'Client secret checks in this process by how they were answered: scrypt, or the cache of recently verified pairs',
      labelNames: ['via'],
      registers,
      // The registry counts; the counter catches up at each scrape.
      collect() {
        const { scrypt, cacheHits } = consumers.counts;
        this.inc({ via: 'scrypt' }, scrypt - seen.scrypt);
        this.inc({ via: 'cache' }, cacheHits - seen.cacheHits);
        Object.assign(seen, { scrypt, cacheHits });
      },
    });
    new Gauge({
      name: 'lgsp_secret_checks_in_flight',
      help: 'scrypt secret checks running now in this process (capped by throttle.secretChecks.maxConcurrent)',
      registers,
      collect() {
        this.set(consumers.secretChecksInFlight);
      },
    });
  }

  refused(endpoint: AuthEndpoint, reason: 'throttled' | 'busy', scope?: ThrottleScope): void {
    this.refusals.inc({ endpoint, reason, scope: scope ?? 'process' });
  }
}
