import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ExchangeRecord } from '../connection-log/exchange-record';
import type { JobQueues } from '../queue/job-queues';
import type { CircuitBreakers } from '../runtime/circuit-breakers';

const BREAKER_VALUE = { closed: 0, halfOpen: 1, open: 2 } as const;

type QueueCounts = Map<string, Awaited<ReturnType<JobQueues['counts']>>>;

/**
 * Queue counts for the scrape, at most `maxAgeMs` old: one `getJobCounts` per connection per
 * period whatever the scrape rate (a scrape every second, or several scrapers, would otherwise
 * cost 19 Redis round trips each). A stale snapshot is served while the next one is read, so a
 * scrape waits for Redis only the first time.
 */
export function queueCountsCache(
  serviceIds: readonly string[],
  queues: Pick<JobQueues, 'counts'>,
  maxAgeMs: number,
): () => Promise<QueueCounts> {
  let last: { at: number; counts: QueueCounts } | null = null;
  let pending: Promise<QueueCounts> | null = null;
  const refresh = (): Promise<QueueCounts> => {
    pending ??= Promise.all(serviceIds.map(async (id) => [id, await queues.counts(id).catch(() => null)] as const))
      // During a Redis outage a connection is left out rather than failing the scrape.
      .then((rows) => new Map(rows.flatMap(([id, c]) => (c ? [[id, c] as const] : []))))
      .then((counts) => {
        last = { at: Date.now(), counts };
        return counts;
      })
      .finally(() => (pending = null));
    return pending;
  };
  return async () => {
    if (!last) return refresh();
    if (Date.now() - last.at >= maxAgeMs) void refresh();
    return last.counts;
  };
}

/**
 * The gateway's Prometheus metrics on their own registry. Labels are bounded: route
 * templates, service and operation ids, outcomes and error types — never request ids,
 * job ids or raw URLs.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly upstreamDuration: Histogram<'service' | 'operation' | 'outcome'>;
  private readonly upstreamErrors: Counter<'service' | 'error_type'>;
  private readonly rateLimited: Counter<'consumer' | 'limit'>;

  constructor(deps: { serviceIds: readonly string[]; breakers: CircuitBreakers; queues: JobQueues; queueCountsRefreshMs?: number }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'lgsp_' });
    this.httpRequests = new Counter({
      name: 'lgsp_http_requests_total',
      help: 'API requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'lgsp_http_request_duration_seconds',
      help: 'API request duration by route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'lgsp_upstream_duration_seconds',
      help: 'Provider exchange duration by connection, operation and outcome',
      labelNames: ['service', 'operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'lgsp_rate_limited_total',
      help: 'Requests refused by a quota or throttle, by consumer (configured ids only) and limit name',
      labelNames: ['consumer', 'limit'],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'lgsp_upstream_errors_total',
      help: 'Failed provider exchanges by connection and error type',
      labelNames: ['service', 'error_type'],
      registers,
    });
    new Gauge({
      name: 'lgsp_breaker_state',
      help: 'Circuit breaker state in this process: 0 closed, 1 half-open, 2 open',
      labelNames: ['service'],
      registers,
      collect() {
        for (const id of deps.serviceIds) this.set({ service: id }, BREAKER_VALUE[deps.breakers.state(id)]);
      },
    });
    const snapshot = queueCountsCache(deps.serviceIds, deps.queues, deps.queueCountsRefreshMs ?? 5000);
    new Gauge({
      name: 'lgsp_queue_jobs',
      help: 'Jobs per connection queue and state',
      labelNames: ['service', 'state'],
      registers,
      async collect() {
        for (const [id, counts] of await snapshot())
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ service: id, state }, counts[state]);
      },
    });
    new Gauge({
      name: 'lgsp_dead_letters',
      help: 'Failed jobs waiting for replay per connection',
      labelNames: ['service'],
      registers,
      async collect() {
        for (const [id, counts] of await snapshot()) this.set({ service: id }, counts.deadLetters);
      },
    });
  }

  observeExchange(r: ExchangeRecord): void {
    this.upstreamDuration.observe({ service: r.serviceId, operation: r.operationId, outcome: r.outcome }, r.durationMs / 1000);
    if (r.outcome === 'failure') this.upstreamErrors.inc({ service: r.serviceId, error_type: r.errorType ?? 'unknown' });
  }

  /** A request refused 429 by a quota; `consumer` is a configured id, so the labels stay bounded. */
  observeRateLimited(consumer: string, limit: string): void {
    this.rateLimited.inc({ consumer, limit });
  }

  /** Counts and times an answered request under its route template (see `accessLog`). */
  observeHttpRequest(req: Request, res: Response, seconds: number): void {
    const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
    this.httpDuration.observe({ method: req.method, route }, seconds);
    this.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
  }
}
