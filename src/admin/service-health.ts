import type { RedisClient } from '../infra/redis-connection';
import type { Catalog } from '../catalog/catalog';
import { readStats, type ConnectionStats, type MinutePoint } from '../connection-log/connection-stats';
import type { JobQueues } from '../queue/job-queues';
import type { BreakerStateStore } from '../runtime/breaker-state-store';
import type { BreakerState, BreakerTransition } from '../runtime/circuit-breakers';

export type HealthStatus = 'green' | 'amber' | 'red';

export interface ServiceHealthView extends Omit<ConnectionStats, 'series'> {
  id: string;
  name: string;
  provider: string;
  direction: 'ngsp' | 'internal';
  protocol: string;
  status: HealthStatus;
  breaker: { state: BreakerState; since: string | null; transitions: BreakerTransition[] };
  queue: { waiting: number; active: number; delayed: number; failed: number; deadLetters: number } | null;
}

/**
 * The colour an operator sees: red while the breaker is open or the latest exchange failed,
 * amber while a trial call is due or dead letters wait, green otherwise.
 */
export function statusOf(
  breaker: BreakerState,
  stats: Pick<ConnectionStats, 'lastSuccess' | 'lastFailure'>,
  deadLetters: number,
): HealthStatus {
  const failingNow = stats.lastFailure !== null && (stats.lastSuccess === null || stats.lastFailure.at > stats.lastSuccess.at);
  if (breaker === 'open' || failingNow) return 'red';
  if (breaker === 'halfOpen' || deadLetters > 0) return 'amber';
  return 'green';
}

/** Per-connection health for operators: breaker, queue, last outcomes, counts and latency. */
export class ServiceHealth {
  constructor(
    private readonly deps: { catalog: Catalog; queues: JobQueues; breakerStates: BreakerStateStore; redis: RedisClient; keyPrefix: string },
  ) {}

  async list(): Promise<ServiceHealthView[]> {
    return Promise.all(this.deps.catalog.listConnections().map(async (c) => (await this.view(c.id)).view));
  }

  async one(serviceId: string): Promise<ServiceHealthView & { series: MinutePoint[] }> {
    const { view, series } = await this.view(serviceId);
    return { ...view, series };
  }

  private async view(serviceId: string): Promise<{ view: ServiceHealthView; series: MinutePoint[] }> {
    const c = this.deps.catalog.getConnection(serviceId);
    const [stats, breaker, queue] = await Promise.all([
      readStats(this.deps.redis, this.deps.keyPrefix, serviceId),
      this.deps.breakerStates.read(serviceId),
      this.deps.queues.counts(serviceId).catch(() => null),
    ]);
    const { series, ...rest } = stats;
    const view: ServiceHealthView = {
      id: c.id,
      name: c.name,
      provider: c.provider,
      direction: c.direction,
      protocol: c.protocol,
      status: statusOf(breaker.state, stats, queue?.deadLetters ?? 0),
      breaker,
      queue,
      ...rest,
    };
    return { view, series };
  }
}
