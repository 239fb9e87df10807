import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { startDrillStack, waitForJobs } from './lib/drill-stack';
import type { Faults } from './lib/fault-proxy';

/**
 * Network faults between the gateway and the national platform, through a fault-injecting TCP
 * proxy in front of the NGSP mock (every NGSP connection, its token endpoint and the portal login
 * go through it): latency with jitter, a bandwidth limit, connections reset at random, idle
 * keep-alive sockets closed by the provider's side, and a black hole. Meanwhile a provincial system submits async requests (each with its own
 * Idempotency-Key) and makes sync lookups at a steady rate. Checked afterwards: every
 * acknowledged request was delivered, and each had exactly one effect at the provider.
 */
export interface NetworkDrillOptions {
  /** How long each fault phase lasts. */
  phaseMs: number;
  /** Async submissions per second (sync lookups run at the same rate). */
  rate: number;
  /** How long to wait for the backlog to drain after the last phase. */
  drainTimeoutMs: number;
  log?: (line: string) => void;
}

export interface DrillPhase {
  name: string;
  faults: Faults;
  submitted: number;
  acknowledged: number;
  syncOk: number;
  syncRefused: Record<string, number>;
}

export interface NetworkDrillReport {
  phases: DrillPhase[];
  acknowledged: number;
  delivered: number;
  failed: number;
  /** Distinct idempotency keys among the provider's effects. */
  effects: number;
  /** Effects beyond one per key: the work done twice. */
  doneTwice: number;
  /** Requests the provider answered from its idempotency store (a retry whose first try had landed). */
  providerDeduplicated: number;
  /** Deliveries that needed more than one attempt. */
  retried: number;
  /** The longest stretch without a successful sync lookup, in ms. */
  longestSyncGapMs: number;
  /** Connections opened, reset and closed for idleness by the proxy. */
  proxy: { connections: number; resets: number; idleCloses: number };
  drainMs: number;
}

const SUBMIT = '/api/v1/services/dvcqg-ho-so/dong-bo-ho-so';
const LOOKUP = '/api/v1/services/dat-dai/tra-cuu-thua-dat';
const LOOKUP_BODY = { maXa: '07210', soTo: '12', soThua: '345' };

export const NETWORK_PHASES: ReadonlyArray<{ name: string; faults: Faults }> = [
  { name: 'clean', faults: {} },
  { name: 'latency 300 ms ± 200 ms', faults: { latencyMs: 300, jitterMs: 200 } },
  { name: 'bandwidth 16 kB/s', faults: { bandwidthBytesPerSecond: 16_000 } },
  { name: '30 % of connections reset', faults: { resetShare: 0.3 } },
  { name: 'reset after 200 bytes upstream', faults: { resetAfterBytes: 200 } },
  { name: 'idle keep-alive sockets closed after 20–120 ms', faults: { idleCloseMs: 20, idleCloseJitterMs: 100 } },
  { name: 'black hole', faults: { blackhole: true } },
  { name: 'clean again', faults: {} },
];

export async function runNetworkFaultsDrill(opts: NetworkDrillOptions): Promise<NetworkDrillReport> {
  const log = opts.log ?? (() => undefined);
  // Timeouts, breakers and retries that play out within the drill's seconds.
  const stack = await startDrillStack('network', {
    proxy: true,
    fast: { timeoutMs: 1500, breaker: { resetTimeoutMs: 1000 }, retry: { attempts: 30, backoffMs: 200, maxBackoffMs: 1000 } },
  });
  const proxy = stack.proxy!;
  const client = stack.api;
  try {
    const headers = await stack.headersFor('mot-cua');
    const submitBody = await stack.example('mot-cua', 'dvcqg-ho-so', 'dong-bo-ho-so');
    await axios.delete(`${stack.mocks.ngspUrl}/__mock/journal`);

    const jobs: Array<{ jobId: string; key: string }> = [];
    const phases: DrillPhase[] = [];
    let lastSyncOk = performance.now();
    let longestSyncGapMs = 0;
    for (const phase of NETWORK_PHASES) {
      proxy.set(phase.faults);
      const row: DrillPhase = { name: phase.name, faults: phase.faults, submitted: 0, acknowledged: 0, syncOk: 0, syncRefused: {} };
      phases.push(row);
      const until = performance.now() + opts.phaseMs;
      const inFlight: Promise<void>[] = [];
      for (let tick = performance.now(); tick < until; tick += 1000 / opts.rate) {
        const wait = tick - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const key = `drill-${randomUUID()}`;
        row.submitted += 1;
        inFlight.push(
          client.post(SUBMIT, submitBody, { headers: { ...headers, 'idempotency-key': key } }).then(
            (res) => {
              if (res.status === 202) {
                row.acknowledged += 1;
                jobs.push({ jobId: String(res.data.jobId), key });
              }
            },
            () => undefined,
          ),
        );
        inFlight.push(
          client.post(LOOKUP, LOOKUP_BODY, { headers }).then(
            (res) => {
              const now = performance.now();
              if (res.status === 200) {
                row.syncOk += 1;
                longestSyncGapMs = Math.max(longestSyncGapMs, now - lastSyncOk);
                lastSyncOk = now;
              } else {
                const type = String(res.headers['x-lgsp-error'] ?? res.status);
                row.syncRefused[type] = (row.syncRefused[type] ?? 0) + 1;
              }
            },
            () => {
              row.syncRefused['no answer'] = (row.syncRefused['no answer'] ?? 0) + 1;
            },
          ),
        );
      }
      await Promise.all(inFlight);
      log(
        `${phase.name}: ${row.acknowledged}/${row.submitted} acknowledged, ${row.syncOk} lookups answered, refused ${JSON.stringify(row.syncRefused)}`,
      );
    }
    longestSyncGapMs = Math.max(longestSyncGapMs, performance.now() - lastSyncOk);
    proxy.clear();

    // Every acknowledged request must end delivered; read each job's view as its owner does.
    const drainStart = performance.now();
    const ended = await waitForJobs(
      stack,
      'mot-cua',
      jobs.map((j) => j.jobId),
      opts.drainTimeoutMs,
    );
    const drainMs = performance.now() - drainStart;
    const journal = await stack.journal('dvcqg-ho-so');
    const perKey = new Map<string, number>();
    for (const item of journal.items) if (item.idempotencyKey) perKey.set(item.idempotencyKey, (perKey.get(item.idempotencyKey) ?? 0) + 1);
    const ends = [...ended.values()];
    return {
      phases,
      acknowledged: jobs.length,
      delivered: ends.filter((e) => e.status === 'completed').length,
      failed: ends.filter((e) => e.status === 'failed').length,
      effects: perKey.size,
      doneTwice: [...perKey.values()].reduce((n, c) => n + c - 1, 0),
      providerDeduplicated: journal.duplicates,
      retried: ends.filter((e) => e.attempts > 1).length,
      longestSyncGapMs: Math.round(longestSyncGapMs),
      proxy: { connections: proxy.stats().connections, resets: proxy.stats().resets, idleCloses: proxy.stats().idleCloses },
      drainMs: Math.round(drainMs),
    };
  } finally {
    await stack.close();
  }
}
