import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startMocks } from '../mocks/main';
import { startGateway, type GatewayHandle } from '../src/main/gateway';
import { HOSTILE_CASES, type CaseContext } from '../test/hostile/hostile-cases';
import { rawRequest } from '../test/hostile/raw-http';
import { deletePrefixKeys } from '../src/infra/throwaway-prefix';
import { benchPrefix } from './lib/bench-prefix';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';

/**
 * `npm run bench:hostile`: the hostile-input corpus against a gateway on this machine, the
 * event-loop lag while 20 MiB hostile uploads are checked, and how fast `/token` throttles one
 * client trying wrong secrets. Gateway and client share one process (one event loop), so the
 * lag figures include the client's own work: an upper bound.
 */
const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const MIB = 1024 * 1024;
const UPLOADS: ReadonlyArray<[string, () => string]> = [
  ['unclosed `<aaaa…` root, 20 MiB', () => `<${'a'.repeat(20 * MIB - 1)}`],
  ['repeated `<?`, 20 MiB', () => '<?'.repeat(10 * MIB)],
  ['nested `<a>`, ~20 MiB', () => `<edXML xmlns="${EDXML_NS}">${'<a>'.repeat(3_400_000)}${'</a>'.repeat(3_400_000)}</edXML>`],
];

async function token(url: string, id: string): Promise<string> {
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${id}-dev-secret`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function corpus(gw: GatewayHandle, port: number): Promise<string[]> {
  const ctx: CaseContext = {
    consumer: await token(gw.url, 'mot-cua'),
    documents: await token(gw.url, 'qlvb'),
    operator: await token(gw.url, 'van-hanh'),
  };
  const byCategory = new Map<string, { n: number; statuses: Map<number, number>; slowest: number; fiveHundred: number }>();
  const started = Date.now();
  for (const c of HOSTILE_CASES) {
    const { chunks, gapMs } = c.send(ctx);
    const answer = await rawRequest(port, chunks, { timeoutMs: 5000, ...(gapMs ? { gapMs } : {}) });
    const row = byCategory.get(c.category) ?? { n: 0, statuses: new Map(), slowest: 0, fiveHundred: 0 };
    row.n += 1;
    row.statuses.set(answer.status, (row.statuses.get(answer.status) ?? 0) + 1);
    row.slowest = Math.max(row.slowest, answer.ms);
    if (answer.status === 500) row.fiveHundred += 1;
    byCategory.set(c.category, row);
  }
  const rows = [...byCategory].map(([category, r]) => [
    category,
    r.n,
    [...r.statuses].map(([s, n]) => `${s === 0 ? 'closed' : s} ×${n}`).join(', '),
    r.slowest,
    r.fiveHundred,
  ]);
  return [
    `${HOSTILE_CASES.length} cases in ${byCategory.size} categories, one after another, in ${Date.now() - started} ms; the slow-client cases wait for the headers timeout (1.5 s here).`,
    '',
    ...markdownTable(['category', 'cases', 'answers', 'slowest ms', '500s'], rows),
  ];
}

async function lag(gw: GatewayHandle): Promise<string[]> {
  const docs = await token(gw.url, 'qlvb');
  const rows: Array<Array<string | number>> = [];
  for (const [name, make] of UPLOADS) {
    const body = make();
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const statuses: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${gw.url}/api/v1/services/truc-lien-thong-van-ban/gui-van-ban`, {
        method: 'POST',
        headers: { authorization: `Bearer ${docs}`, 'content-type': 'application/xml' },
        body,
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    histogram.disable();
    rows.push([
      name,
      statuses.join(', '),
      Math.round((Date.now() - t0) / 3),
      (histogram.percentile(99) / 1e6).toFixed(1),
      (histogram.max / 1e6).toFixed(1),
    ]);
  }
  return markdownTable(['upload (×3)', 'answers', 'mean ms per upload', 'loop lag p99 ms', 'loop lag max ms'], rows);
}

async function tokenThrottle(gw: GatewayHandle): Promise<string[]> {
  const attempts = 60;
  const statuses: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`${gw.url}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('bao-cao:wrong-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  const seconds = (Date.now() - t0) / 1000;
  const first429 = statuses.indexOf(429);
  const checked = statuses.filter((s) => s === 401).length;
  return [
    `${attempts} wrong secrets for one client (\`bao-cao\`), one after another, from one address: ${checked} checked (401), ${statuses.filter((s) => s === 429).length} throttled (429), first 429 at attempt ${first429 < 0 ? 'none' : first429 + 1}; ${(attempts / seconds).toFixed(1)} attempts/s offered, ${(checked / seconds).toFixed(2)} secret checks/s let through.`,
  ];
}

async function main(): Promise<void> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  const prefix = benchPrefix('hostile');
  const gw = await startGateway({
    port: 0,
    logger: pino({ level: 'silent' }),
    env: {
      ...process.env,
      NGSP_URL: mocks.ngspUrl,
      PROVINCE_URL: mocks.provinceUrl,
      LGSP_KEY_PREFIX: prefix,
      LGSP_HEADERS_TIMEOUT_MS: '1500',
    },
  });
  await gw.parts.redisReady();
  const port = Number(new URL(gw.url).port);
  try {
    const sections = [await corpus(gw, port), await lag(gw), await tokenThrottle(gw)];
    const alive = (await fetch(`${gw.url}/health`)).status;
    recordResults([
      `## Hostile input: corpus, event-loop lag, /token throttle — ${today()}`,
      '',
      `${machineDescription()}; ${loadDescription()}. \`npm run bench:hostile\`: gateway and mocks in the bench's process (shipped config, headers timeout 1.5 s); /health after everything: ${alive}.`,
      '',
      ...sections[0]!,
      '',
      ...sections[1]!,
      '',
      ...sections[2]!,
      '',
    ]);
  } finally {
    await gw.close();
    await mocks.close();
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await deletePrefixKeys(redis, prefix);
    redis.disconnect();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
