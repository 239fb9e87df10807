import autocannon from 'autocannon';
import axios from 'axios';
import { machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack } from './lib/bench-stack';

/**
 * The login throttle of `/token` (gateway.yaml `throttle`), against a gateway process with the
 * shipped settings: (1) a client with the right secret, over and over: tokens/s and how many
 * checks scrypt did (the verified-pair cache answers the rest); (2) wrong secrets for one client,
 * one after another: attempts and time to the first 429; (3) the same at full speed with autocannon:
 * refusals/s, secrets actually checked, and /health's latency meanwhile (the libuv pool and the
 * event loop are not starved).
 */
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const form = 'grant_type=client_credentials';
const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** `name{labels} value` lines of /metrics, summed per name and label text. */
async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = String((await axios.get(`${url}/metrics`)).data);
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function firstRefusal(url: string): Promise<{ attempts: number; ms: number; retryAfter: string }> {
  const started = performance.now();
  for (let attempt = 1; attempt <= 100; attempt++) {
    const res = await axios.post(`${url}/token`, form, {
      headers: { authorization: basic('bao-cao', `guess-${attempt}`) },
      validateStatus: () => true,
    });
    if (res.status === 429)
      return { attempts: attempt, ms: Math.round(performance.now() - started), retryAfter: String(res.headers['retry-after']) };
  }
  throw new Error('no 429 within 100 wrong secrets');
}

/** Polls /health every 50 ms until stopped; returns its latencies. */
function probeHealth(url: string): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await axios.get(`${url}/health`, { validateStatus: () => true });
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return { stop: async () => ((running = false), await loop, latencies) };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10;
};

async function main(): Promise<void> {
  const stack = await startBenchStack('throttle');
  const url = stack.gatewayUrl;
  try {
    const scryptBefore = await metric(url, /^lgsp_secret_checks_total\{via="scrypt"\}/);
    const good = await autocannon({
      url: `${url}/token`,
      method: 'POST',
      duration: Math.max(3, DURATION_S / 2),
      connections: CONNECTIONS,
      headers: { authorization: basic('mot-cua', 'mot-cua-dev-secret'), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const scryptForGood = (await metric(url, /^lgsp_secret_checks_total\{via="scrypt"\}/)) - scryptBefore;

    const first = await firstRefusal(url);

    const checkedBefore = await metric(url, /^lgsp_secret_checks_total\{via="scrypt"\}/);
    const health = probeHealth(url);
    const attack = await autocannon({
      url: `${url}/token`,
      method: 'POST',
      duration: DURATION_S,
      connections: CONNECTIONS,
      headers: { authorization: basic('bao-cao', 'not-the-secret'), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const healthMs = await health.stop();
    const checkedDuringAttack = (await metric(url, /^lgsp_secret_checks_total\{via="scrypt"\}/)) - checkedBefore;
    const refusals = attack.statusCodeStats?.['429']?.count ?? 0;

    recordResults([
      `## Login throttle: /token for one client — ${today()} (\`npm run bench:throttle\`)`,
      '',
      `Machine: ${machineDescription()}. Shipped \`throttle\` settings (5 failures per client id, 20 per address, lock 1 s doubling to 900 s, 2 scrypt checks at once); gateway and load generator in separate processes; all requests from 127.0.0.1, so the per-address lock joins in.`,
      '',
      ...markdownTable(
        ['measure', 'value'],
        [
          ['right secret, autocannon: tokens/s', Math.round(good.requests.average)],
          ['… scrypt checks for all of them (the rest from the verified-pair cache)', scryptForGood],
          ['… p99 ms', good.latency.p99],
          ['wrong secrets one after another: attempts to the first 429', first.attempts],
          ['… time to the first 429 (ms)', first.ms],
          ['… its Retry-After (s)', first.retryAfter],
          [`wrong secrets, autocannon ${CONNECTIONS} connections × ${DURATION_S} s: refusals (429)/s`, Math.round(refusals / DURATION_S)],
          ['… secrets actually checked by scrypt during the run', checkedDuringAttack],
          ['… other statuses (non-429)', attack.requests.total - refusals],
          ['… p99 ms of the refusals', attack.latency.p99],
          ['/health during the attack: p50 / p99 ms', `${percentile(healthMs, 50)} / ${percentile(healthMs, 99)}`],
        ],
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
