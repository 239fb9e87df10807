import autocannon from 'autocannon';
import axios from 'axios';
import { sleep } from './lib/bench-process';
import { describeCpu, startCpuMeter, type CpuUse } from './lib/cpu-meter';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack, type BenchStack } from './lib/bench-stack';

/**
 * Issue 12's isolation figure for sync calls: an unrelated connection's latency (`dat-dai`)
 * while one provider (`csdl-dan-cu`) answers in 8 s under 300 concurrent calls, beside its
 * baseline with every provider healthy. Goal: p99 within 3× the baseline or +50 ms.
 * Two kinds of callers of the slow connection: ones that honour `Retry-After` (a refused call
 * waits before trying again) and ones that retry at once (autocannon's closed loop: every
 * refusal is answered in about a millisecond and sent again, the worst case for the gateway's CPU).
 */
const SLOW = 'csdl-dan-cu';
const SLOW_MS = Number(process.env['BENCH_SLOW_MS'] ?? 8000);
const SLOW_CALLERS = Number(process.env['BENCH_SLOW_CALLERS'] ?? 300);
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 20);
const OTHER_CONNECTIONS = 10;
const OTHER_RATE = Number(process.env['BENCH_OTHER_RATE'] ?? 100);
const SLOW_BODY = JSON.stringify({ soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' });
const OTHER_BODY = JSON.stringify({ maXa: '07210', soTo: '12', soThua: '345' });

interface OtherResult {
  title: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  slow: Map<string, number>;
  cpu: CpuUse | null;
}

/** The unrelated connection at a steady offered rate: its latency is the figure. */
function otherLoad(stack: BenchStack, authorization: string): Promise<autocannon.Result> {
  return autocannon({
    url: `${stack.gatewayUrl}/api/v1/services/dat-dai/tra-cuu-thua-dat`,
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: OTHER_BODY,
    connections: OTHER_CONNECTIONS,
    overallRate: OTHER_RATE,
    duration: DURATION_S,
  });
}

/** `SLOW_CALLERS` callers of the slow connection, each waiting `Retry-After` after a 503 before its next call. */
async function politeSlowCallers(stack: BenchStack, authorization: string, until: number): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  const http = axios.create({
    validateStatus: () => true,
    timeout: SLOW_MS + 10_000,
    headers: { authorization, 'content-type': 'application/json' },
  });
  const caller = async (): Promise<void> => {
    while (Date.now() < until) {
      const res = await http.post(`${stack.gatewayUrl}/api/v1/services/${SLOW}/xac-thuc-cong-dan`, SLOW_BODY).catch(() => null);
      const type = res ? String(res.headers['x-lgsp-error'] ?? res.status) : 'no answer';
      outcomes.set(type, (outcomes.get(type) ?? 0) + 1);
      const retryAfter = Number(res?.headers['retry-after'] ?? 0);
      if (retryAfter > 0) await sleep(retryAfter * 1000);
    }
  };
  await Promise.all(Array.from({ length: SLOW_CALLERS }, caller));
  return outcomes;
}

/** The same number of callers retrying at once whatever the answer; counts answers by status. */
function greedySlowCallers(stack: BenchStack, authorization: string): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${stack.gatewayUrl}/api/v1/services/${SLOW}/xac-thuc-cong-dan`,
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: SLOW_BODY,
        connections: SLOW_CALLERS,
        duration: DURATION_S + 1,
        timeout: Math.ceil(SLOW_MS / 1000) + 10,
      },
      (err) => (err ? reject(err) : resolve(outcomes)),
    );
    instance.on('response', (_client: unknown, statusCode: number) =>
      outcomes.set(`HTTP ${statusCode}`, (outcomes.get(`HTTP ${statusCode}`) ?? 0) + 1),
    );
  });
}

/** The slow connection's exchanges by error type, from the gateway's own counters. */
async function slowErrors(stack: BenchStack): Promise<Map<string, number>> {
  const text = String((await axios.get(`${stack.gatewayUrl}/metrics`, { validateStatus: () => true })).data);
  const out = new Map<string, number>();
  const line = new RegExp(`^lgsp_upstream_errors_total\\{[^}]*service="${SLOW}"[^}]*error_type="([^"]+)"[^}]*\\} (\\d+)`, 'gm');
  for (const m of text.matchAll(line)) out.set(m[1]!, Number(m[2]));
  return out;
}

async function measure(
  stack: BenchStack,
  title: string,
  authorization: string,
  slowLoad?: () => Promise<Map<string, number>>,
): Promise<OtherResult> {
  for (const url of [stack.ngspUrl, stack.provinceUrl]) await axios.delete(`${url}/__mock/faults`);
  if (slowLoad) await axios.put(`${stack.ngspUrl}/__mock/faults/${SLOW}`, { mode: 'slow', latencyMs: SLOW_MS });
  const errorsBefore = await slowErrors(stack);
  const meter = startCpuMeter(stack.cpuGroups());
  const slowRun = slowLoad?.();
  // Let the slow callers fill the cap first: the figure is the other connection's latency while it is full.
  if (slowRun) await sleep(1000);
  const r = await otherLoad(stack, authorization);
  const slow = (await slowRun) ?? new Map<string, number>();
  const cpu = meter?.stop() ?? null;
  for (const [type, n] of await slowErrors(stack))
    if (n > (errorsBefore.get(type) ?? 0)) slow.set(`log: ${type}`, n - (errorsBefore.get(type) ?? 0));
  await axios.delete(`${stack.ngspUrl}/__mock/faults`);
  return {
    title,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    slow,
    cpu,
  };
}

/** Waits for the slow connection's breaker (opened by its own timeouts) to close again between runs. */
async function settle(stack: BenchStack, authorization: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = await axios.post(`${stack.gatewayUrl}/api/v1/services/${SLOW}/xac-thuc-cong-dan`, SLOW_BODY, {
      headers: { authorization, 'content-type': 'application/json' },
      validateStatus: () => true,
    });
    if (res.status === 200) return;
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  const stack = await startBenchStack('bulkhead');
  const startLoad = loadDescription();
  try {
    const authorization = `Bearer ${await stack.consumerToken('mot-cua')}`;
    await autocannon({
      url: `${stack.gatewayUrl}/api/v1/services/dat-dai/tra-cuu-thua-dat`,
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: OTHER_BODY,
      connections: 8,
      duration: 3,
    });
    const rows: OtherResult[] = [await measure(stack, 'baseline: all providers healthy', authorization)];
    rows.push(
      await measure(stack, `${SLOW} slow (${SLOW_MS} ms), ${SLOW_CALLERS} callers honouring Retry-After`, authorization, () =>
        politeSlowCallers(stack, authorization, Date.now() + 1000 + DURATION_S * 1000),
      ),
    );
    await settle(stack, authorization);
    rows.push(
      await measure(stack, `${SLOW} slow (${SLOW_MS} ms), ${SLOW_CALLERS} callers retrying at once`, authorization, () =>
        greedySlowCallers(stack, authorization),
      ),
    );
    const base = rows[0]!;
    const verdict = (r: OtherResult): string =>
      r === base
        ? '—'
        : `${(r.p99 / Math.max(1, base.p99)).toFixed(1)}×, ${r.p99 - base.p99 >= 0 ? '+' : ''}${r.p99 - base.p99} ms: ${r.p99 <= 3 * base.p99 || r.p99 <= base.p99 + 50 ? 'met' : 'missed'}`;
    const answers = (m: Map<string, number>): string =>
      m.size
        ? [...m]
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : '—';
    recordResults([
      `## Bulkheads: an unrelated connection while one provider is slow — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. Mocks, gateway and load generator (bench) in separate processes; Redis shared on the same machine. ` +
        `\`dat-dai/tra-cuu-thua-dat\` offered ${OTHER_RATE} req/s over ${OTHER_CONNECTIONS} connections for ${DURATION_S} s; meanwhile ${SLOW_CALLERS} concurrent callers of \`${SLOW}/xac-thuc-cong-dan\`, whose provider answers in ${SLOW_MS} ms ` +
        `(connection timeout 4 s, bulkhead \`maxConcurrentSync\` 32, \`maxSockets\` 64 — shipped defaults). Goal: dat-dai p99 within 3× its baseline or +50 ms. Before the bulkheads (one agent of 256 sockets for all connections) the same load took dat-dai from p99 18 ms to 2,864 ms.`,
      '',
      ...markdownTable(
        [
          'run',
          'dat-dai req/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'non-2xx',
          'errors',
          'p99 vs baseline',
          `answers to the ${SLOW} callers`,
          'CPU cores',
        ],
        rows.map((r) => [r.title, r.rps, r.p50, r.p90, r.p99, r.max, r.non2xx, r.errors, verdict(r), answers(r.slow), describeCpu(r.cpu)]),
      ),
      '',
    ]);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
