import axios from 'axios';
import { CONNECTOR_MAP } from '../connectors';
import { loadConfig } from '../src/config/load-config';
import { connectionLogKey } from '../src/infra/redis-keys';
import type { ExchangeRecord } from '../src/connection-log/exchange-record';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack } from './lib/bench-stack';

/**
 * The connection log at scale: 1,000,000 records over a week across every connection's
 * streams, then the time to fetch one page through the operators' API for the queries an
 * operator makes, and the memory the records take in Redis.
 */
const RECORDS = Number(process.env['BENCH_LOG_RECORDS'] ?? 1_000_000);
const REPEAT = 20;
const WEEK_MS = 7 * 86_400_000;

/** Every connection of the catalog, called by its most specific consumer (the one granted fewest services). */
function catalogServices(): Array<[string, string, 'ngsp' | 'internal']> {
  const { connections, consumers } = loadConfig({ env: process.env, connectors: CONNECTOR_MAP });
  const callers = consumers.filter((c) => c.role === 'consumer').sort((a, b) => a.services.length - b.services.length);
  return connections.map((c) => [c.id, callers.find((k) => k.services.includes(c.id))?.id ?? 'mot-cua', c.direction]);
}
const SERVICES = catalogServices();
const BAO_CAO_SHARE = SERVICES.filter(([, consumer]) => consumer === 'bao-cao').length;

function record(i: number, at: number): ExchangeRecord {
  const [serviceId, consumer, direction] = SERVICES[i % SERVICES.length]!;
  const failed = i % 20 === 0;
  const iso = new Date(at).toISOString();
  return {
    requestId: `0b6f${i.toString(16).padStart(8, '0')}-5c1d-4c7e-9a2f-3e8d1c${(i % 1000000).toString().padStart(6, '0')}`,
    jobId: i % 2 ? `${serviceId}.k${i.toString(16).padStart(32, '0')}` : null,
    consumer,
    serviceId,
    operationId: 'thao-tac',
    direction,
    mode: i % 2 ? 'async' : 'sync',
    attempt: 1,
    startedAt: iso,
    durationMs: 12.34,
    httpStatus: failed ? 503 : 200,
    outcome: failed ? 'failure' : 'success',
    errorType: failed ? 'Server.Provider.Unreachable' : null,
    providerCode: null,
    requestInTs: iso,
    requestOutTs: iso,
    responseInTs: iso,
    responseOutTs: iso,
    requestBytes: 812,
    responseBytes: 1650,
  };
}

async function usedMemory(redis: import('ioredis').Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

function stats(ms: number[]): { p50: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function main(): Promise<void> {
  const stack = await startBenchStack('log');
  try {
    const before = await usedMemory(stack.redis);
    const start = Date.now() - WEEK_MS;
    const step = WEEK_MS / RECORDS;
    const seeded = Date.now();
    for (let i = 0; i < RECORDS; i += 10_000) {
      const pipeline = stack.redis.pipeline();
      for (let j = i; j < Math.min(RECORDS, i + 10_000); j++) {
        const at = Math.floor(start + j * step);
        const r = record(j, at);
        pipeline.xadd(connectionLogKey(stack.prefix, r.serviceId), `${at}-${j}`, 'r', JSON.stringify(r));
      }
      await pipeline.exec();
    }
    const seedSeconds = (Date.now() - seeded) / 1000;
    const after = await usedMemory(stack.redis);
    const token = (
      await axios.post(`${stack.gatewayUrl}/token`, 'grant_type=client_credentials', {
        auth: { username: 'van-hanh', password: 'van-hanh-dev-secret' },
      })
    ).data.access_token as string;
    const api = axios.create({ baseURL: stack.gatewayUrl, headers: { Authorization: `Bearer ${token}` } });
    const midFrom = new Date(start + WEEK_MS / 2).toISOString();
    const midTo = new Date(start + WEEK_MS / 2 + 3_600_000).toISOString();
    let deepCursor = '';
    for (let page = 0, cursor = ''; page < 50; page++) {
      const res = await api.get('/admin/api/connections', { params: { limit: 100, ...(cursor ? { cursor } : {}) } });
      cursor = res.data.nextCursor;
      deepCursor = cursor;
    }
    const queries: Array<[string, Record<string, string | number>]> = [
      [`newest 100, all ${SERVICES.length} connections`, { limit: 100 }],
      ['newest 100, one connection', { limit: 100, serviceId: 'dvcqg-ho-so' }],
      [`newest 100, consumer bao-cao (${BAO_CAO_SHARE} of ${SERVICES.length} connections)`, { limit: 100, consumer: 'bao-cao' }],
      ['newest 100 failures (5 % of records)', { limit: 100, outcome: 'failure' }],
      ['one hour in the middle of the week, all connections', { limit: 1000, from: midFrom, to: midTo }],
      ['page 51 (after 5,000 records), all connections', { limit: 100, cursor: deepCursor }],
    ];
    const rows: Array<Array<string | number>> = [];
    for (const [title, params] of queries) {
      const times: number[] = [];
      let items = 0;
      for (let k = 0; k < REPEAT; k++) {
        const t0 = performance.now();
        const res = await api.get('/admin/api/connections', { params });
        times.push(performance.now() - t0);
        items = res.data.items.length;
      }
      const s = stats(times);
      rows.push([title, items, s.p50.toFixed(1), s.p99.toFixed(1), s.mean.toFixed(1)]);
    }
    const t0 = performance.now();
    const exported = await api.get('/admin/api/connections/export', {
      params: { serviceId: 'dvcqg-ho-so', from: midFrom, to: new Date(start + WEEK_MS / 2 + 86_400_000).toISOString() },
      responseType: 'text',
    });
    const exportMs = performance.now() - t0;
    const exportLines = String(exported.data).trim().split('\n').length;
    const bytes = after - before;
    const lines = [
      `## Connection log with ${RECORDS.toLocaleString('en')} records — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${loadDescription()}. Records spread over 7 days across the 19 connections' streams (written straight to Redis in ${seedSeconds.toFixed(1)} s), fetched through \`GET /admin/api/connections\` over HTTP, ${REPEAT} times each.`,
      '',
      ...markdownTable(['query', 'items', 'p50 ms', 'p99 ms', 'mean ms'], rows),
      '',
      `Redis memory for the records: ${(bytes / 2 ** 20).toFixed(1)} MiB (${Math.round(bytes / RECORDS)} bytes per record). NDJSON export of one connection for one day: ${exportLines} records in ${exportMs.toFixed(0)} ms.`,
      '',
    ];
    console.log(lines.join('\n'));
    recordResults(lines);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
