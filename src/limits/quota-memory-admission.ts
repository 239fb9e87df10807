import type { Logger } from 'pino';
import type { AdmissionSettings } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import { dataNodes, type RedisClient } from '../infra/redis-connection';

/** Redis's memory as INFO reports it; `max` 0 means no maxmemory is set. */
export interface MemoryReading {
  used: number;
  max: number;
}

export type MemoryReader = () => Promise<MemoryReading>;

/**
 * Reads `used_memory` and `maxmemory` from INFO memory. On a cluster, of the master nearest its
 * limit: one full master refuses the writes of every queue whose slot it holds.
 */
export function redisMemoryReader(redis: RedisClient): MemoryReader {
  return async () => {
    const readings = await Promise.all(
      dataNodes(redis).map(async (node) => {
        const info = await node.info('memory');
        const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
        return { used: field('used_memory'), max: field('maxmemory') };
      }),
    );
    const share = (r: MemoryReading): number => (r.max === 0 ? 0 : r.used / r.max);
    return readings.reduce((fullest, r) => (share(r) > share(fullest) || (fullest.max === 0 && r.max > 0) ? r : fullest));
  };
}

/**
 * Admission of async submits by Redis memory: above `maxMemoryShare` of maxmemory a submit is
 * refused (503 QueueUnavailable) before Redis itself refuses writes, so the connection log,
 * callbacks and the audit trail keep room. The reading is cached (`refreshMs`) and refreshed in
 * the background: at most one INFO per interval, never one per submit.
 */
export class MemoryAdmission {
  private reading: { value: MemoryReading; at: number } | undefined;
  private pending: Promise<void> | undefined;
  private loggedOff = false;

  constructor(
    private readonly read: MemoryReader,
    private readonly settings: AdmissionSettings,
    private readonly logger: Logger,
  ) {}

  /** Throws 503 when Redis is above the share; waits for a reading only when it has none yet. */
  async admit(): Promise<void> {
    await this.fresh();
    const value = this.reading?.value;
    if (!value || value.max === 0) return;
    if (value.used >= value.max * this.settings.maxMemoryShare) {
      const share = Math.round((value.used / value.max) * 100);
      throw new GatewayError(
        'Server.Gateway.QueueUnavailable',
        `The queue takes no new requests while Redis uses ${share}% of its memory (admission limit ${Math.round(this.settings.maxMemoryShare * 100)}%); try again later`,
        { retryAfterSeconds: this.settings.retryAfterSeconds },
      );
    }
  }

  /** Starts a refresh when the reading is stale; waits for it only when there is no reading at all. */
  async fresh(): Promise<void> {
    const age = this.reading ? Date.now() - this.reading.at : Infinity;
    if (age <= this.settings.refreshMs) return;
    const refresh = this.refresh();
    if (!this.reading) await refresh;
  }

  /** For /ready: off (no maxmemory), or the share in use beside the limit. */
  describe(): { status: 'pass' | 'warn'; observedValue: string } {
    const value = this.reading?.value;
    if (!value) return { status: 'pass', observedValue: 'no reading yet' };
    // Said, not warned: a development Redis without maxmemory is ready (the start-up log says it once).
    if (value.max === 0) return { status: 'pass', observedValue: 'off: Redis has no maxmemory' };
    const share = value.used / value.max;
    return {
      status: share >= this.settings.maxMemoryShare ? 'warn' : 'pass',
      observedValue: `${Math.round(share * 100)}% of maxmemory (refuses async submits at ${Math.round(this.settings.maxMemoryShare * 100)}%)`,
    };
  }

  /** Reads memory now (one in flight at a time); a failed read keeps the last value. */
  refresh(): Promise<void> {
    this.pending ??= this.read()
      .then((value) => {
        this.reading = { value, at: Date.now() };
        if (value.max === 0 && !this.loggedOff) {
          this.loggedOff = true;
          this.logger.warn(
            'Redis has no maxmemory: admission by Redis memory is off, async submits are refused only when Redis itself refuses',
          );
        }
      })
      .catch(() => undefined)
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
