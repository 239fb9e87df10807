import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../infra/redis-connection';
import type { RedisOp } from '../audit/chained-append';
import { connectionLastKey, connectionStatsKey } from '../infra/redis-keys';
import type { ExchangeRecord } from './exchange-record';

/**
 * Per-connection, per-minute counters and a latency histogram, kept beside the log so the
 * health view reads at most 60 small hashes per connection instead of an hour of records.
 * Percentiles are read off the histogram (the bucket's upper bound): coarse, but bounded.
 */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, Infinity] as const;
const KEEP_SECONDS = 2 * 3600;

export function bucketOf(ms: number): number {
  return LATENCY_BUCKETS_MS.findIndex((upper) => ms <= upper);
}

/**
 * A batch of records' counters as Redis commands (written with the records themselves):
 * summed per minute and field, so a batch costs a few commands per connection and minute,
 * not six per record.
 */
export function statsOps(prefix: string, records: readonly ExchangeRecord[]): RedisOp[] {
  const counters = new Map<string, Map<string, number>>();
  const last = new Map<string, { success?: ExchangeRecord; failure?: ExchangeRecord }>();
  const count = (key: string, field: string): void => {
    const fields = counters.get(key) ?? new Map<string, number>();
    fields.set(field, (fields.get(field) ?? 0) + 1);
    counters.set(key, fields);
  };
  for (const r of records) {
    const key = connectionStatsKey(prefix, r.serviceId, Math.floor(Date.parse(r.startedAt) / 60_000));
    count(key, 'n');
    count(key, r.outcome === 'success' ? 'ok' : 'fail');
    count(key, `b${bucketOf(r.durationMs)}`);
    const latest = last.get(r.serviceId) ?? {};
    const kind = r.outcome === 'success' ? 'success' : 'failure';
    if (!latest[kind] || latest[kind].startedAt <= r.startedAt) latest[kind] = r;
    last.set(r.serviceId, latest);
  }
  const ops: RedisOp[] = [];
  for (const [key, fields] of counters) {
    for (const [field, n] of fields) ops.push({ cmd: 'hincrby', key, args: [field, n] });
    ops.push({ cmd: 'expire', key, args: [KEEP_SECONDS] });
  }
  for (const [serviceId, { success, failure }] of last) {
    if (success) ops.push({ cmd: 'hset', key: connectionLastKey(prefix, serviceId), args: ['successAt', success.startedAt] });
    if (failure)
      ops.push({
        cmd: 'hset',
        key: connectionLastKey(prefix, serviceId),
        args: ['failureAt', failure.startedAt, 'failureType', failure.errorType ?? 'unknown'],
      });
  }
  return ops;
}

/** Adds a batch of records' counters to a pipeline (see statsOps). */
export function addStats(pipeline: ChainableCommander, prefix: string, records: readonly ExchangeRecord[]): void {
  for (const op of statsOps(prefix, records)) pipeline.call(op.cmd, op.key, ...op.args);
}

export interface WindowStats {
  count: number;
  success: number;
  failure: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface MinutePoint {
  minute: string;
  count: number;
  failure: number;
  p50: number | null;
  p95: number | null;
}

interface Minute {
  n: number;
  ok: number;
  fail: number;
  buckets: number[];
}

function parseMinute(raw: Record<string, string>): Minute {
  const buckets = LATENCY_BUCKETS_MS.map((_b, i) => Number(raw[`b${i}`] ?? 0));
  return { n: Number(raw['n'] ?? 0), ok: Number(raw['ok'] ?? 0), fail: Number(raw['fail'] ?? 0), buckets };
}

function percentile(buckets: number[], total: number, q: number): number | null {
  if (total === 0) return null;
  const rank = Math.ceil(total * q);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i] ?? 0;
    if (seen >= rank) {
      const upper = LATENCY_BUCKETS_MS[i] ?? Infinity;
      return Number.isFinite(upper) ? upper : (LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 2] ?? 0);
    }
  }
  return null;
}

function summarize(minutes: Minute[]): WindowStats {
  const buckets = LATENCY_BUCKETS_MS.map((_b, i) => minutes.reduce((s, m) => s + (m.buckets[i] ?? 0), 0));
  const count = minutes.reduce((s, m) => s + m.n, 0);
  return {
    count,
    success: minutes.reduce((s, m) => s + m.ok, 0),
    failure: minutes.reduce((s, m) => s + m.fail, 0),
    p50: percentile(buckets, count, 0.5),
    p95: percentile(buckets, count, 0.95),
    p99: percentile(buckets, count, 0.99),
  };
}

export interface ConnectionStats {
  last5m: WindowStats;
  last1h: WindowStats;
  series: MinutePoint[];
  lastSuccess: { at: string } | null;
  lastFailure: { at: string; errorType: string } | null;
}

/** Reads the last hour of one connection: two windows, a per-minute series, and the last outcomes. */
export async function readStats(redis: RedisClient, prefix: string, serviceId: string, now = Date.now()): Promise<ConnectionStats> {
  const current = Math.floor(now / 60_000);
  const minutes = Array.from({ length: 60 }, (_v, i) => current - 59 + i);
  const pipeline = redis.pipeline();
  for (const m of minutes) pipeline.hgetall(connectionStatsKey(prefix, serviceId, m));
  pipeline.hgetall(connectionLastKey(prefix, serviceId));
  const results = (await pipeline.exec()) ?? [];
  const rows = results.slice(0, 60).map(([, raw]) => parseMinute((raw ?? {}) as Record<string, string>));
  const last = (results[60]?.[1] ?? {}) as Record<string, string>;
  return {
    last5m: summarize(rows.slice(-5)),
    last1h: summarize(rows),
    series: rows.map((row, i) => {
      const s = summarize([row]);
      return { minute: new Date((minutes[i] ?? 0) * 60_000).toISOString(), count: s.count, failure: s.failure, p50: s.p50, p95: s.p95 };
    }),
    lastSuccess: last['successAt'] ? { at: last['successAt'] } : null,
    lastFailure: last['failureAt'] ? { at: last['failureAt'], errorType: last['failureType'] ?? 'unknown' } : null,
  };
}
