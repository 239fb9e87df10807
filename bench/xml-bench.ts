import axios from 'axios';
import { checkEdxmlFile } from '../connectors/edxml-check';
import { EDXML_NS } from '../connectors/edxml-document';
import { edocXml } from '../test/mocks/support/wire-builders';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { sleep } from './lib/bench-process';
import { startBenchStack, type BenchStack } from './lib/bench-stack';

/**
 * Event-loop lag of the gateway process while 20 MiB hostile uploads are checked (issue 12,
 * item 4). Each case is posted ROUNDS times to `gui-van-ban` as application/xml; the gateway's
 * own `lgsp_nodejs_eventloop_lag_*` (prom-client's monitorEventLoopDelay, reset at each
 * scrape) is read before and after, so p99 and max cover exactly the uploads of that case.
 * Meanwhile the bench pings `/health` every 10 ms: its slowest answer is the stall another
 * caller sees.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const MIB = 1024 * 1024;
const SETTLE_MS = 3000;
const PATH = '/api/v1/services/truc-lien-thong-van-ban/gui-van-ban';
const base64Lines = (bytes: number): string =>
  Buffer.alloc(bytes, 7)
    .toString('base64')
    .match(/.{1,76}/g)!
    .join('\r\n');

/** 20 MiB bodies (the shipped xmlBodyLimitBytes) that each hit one defence; one valid file for comparison. */
function cases(): Array<{ name: string; body: string; type?: string }> {
  const attachment = base64Lines(14_400_000);
  const root = `<edXML xmlns="${EDXML_NS}">`;
  const fill = (unit: string, prefix = '', suffix = ''): string =>
    prefix + unit.repeat(Math.floor((20 * MIB - prefix.length - suffix.length - 64) / unit.length)) + suffix;
  return [
    { name: 'attachment with one bad character at its end (whole file read)', body: edocXml({ attachment: `${attachment}!` }) },
    { name: 'unclosed `<aaaa…` root (the quadratic root regex)', body: fill('a', '<') },
    { name: 'repeated `<?` (the quadratic `<?…?>` replace)', body: fill('<?') },
    { name: 'nested `<a>` 7 million deep', body: fill('<a>', root) },
    { name: '5 million empty elements', body: fill('<a/>', root, '</edXML>') },
    {
      name: 'one element with 1.5 million attributes',
      body: `<edXML${Array.from({ length: 1_500_000 }, (_v, n) => ` a${n.toString(36)}="1"`).join('')}/>`,
    },
    { name: '20 MiB text in Subject', body: edocXml().replace('<edXML:Subject>', `<edXML:Subject>${'x'.repeat(19 * MIB)}`) },
    {
      name: 'encoding="UTF-16" declared',
      body: `<?xml version="1.0" encoding="UTF-16"?>${edocXml({ attachment }).replace(/^<\?xml[^>]*>/, '')}`,
    },
    {
      name: 'JSON `{"edXML":"<aaaa…"}`, 1 MiB (the JSON limit)',
      body: JSON.stringify({ edXML: `<${'a'.repeat(MIB - 64)}` }),
      type: 'application/json',
    },
    // Last: what follows an accepted upload (sealing, queueing) leaves garbage that would land in the next case.
    { name: 'valid edXML, 19 MiB line-broken attachment (accepted, 202)', body: edocXml({ attachment }) },
  ];
}

async function lag(stack: BenchStack): Promise<{ p99: number; max: number }> {
  const text = (await axios.get<string>(`${stack.gatewayUrl}/metrics`, { responseType: 'text' })).data;
  const read = (name: string): number =>
    Number(new RegExp(`^lgsp_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99: read('p99'), max: read('max') };
}

/** Pings /health every 10 ms until stopped; resolves with the slowest answer in ms. */
function healthPinger(url: string): { stop(): Promise<number> } {
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await axios.get(`${url}/health`).catch(() => undefined);
      slowest = Math.max(slowest, performance.now() - started);
      await sleep(10);
    }
  })();
  return { stop: async () => ((running = false), await loop, slowest) };
}

/**
 * The check alone, in this process, on flat strings (as the body reader hands them over): the
 * longest gap between 1 ms timer ticks while `checkEdxmlFile` runs is the longest time it holds
 * the loop at once, whatever the HTTP path around it does.
 */
async function parserAlone(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  for (const c of cases().filter((k) => k.type === undefined)) {
    const xml = Buffer.from(c.body).toString('utf8');
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    const outcome = await checkEdxmlFile(xml, 'edoc').then(
      () => 'accepted',
      (err: { type?: string }) => err.type ?? 'error',
    );
    longest = Math.max(longest, performance.now() - last);
    clearInterval(tick);
    rows.push([c.name, (xml.length / MIB).toFixed(1), outcome, (performance.now() - started).toFixed(0), longest.toFixed(1)]);
    await sleep(500);
  }
  recordResults([
    `## The edXML check alone on 20 MiB hostile files — ${today()}`,
    '',
    `${machineDescription()}; ${loadDescription()}. \`BENCH_PART=parser npm run bench:xml\`: \`checkEdxmlFile\` in the bench process on each body as a flat string; the longest gap between 1 ms timer ticks is the longest the check held the loop at once.`,
    '',
    ...markdownTable(['body', 'MiB', 'outcome', 'check ms', 'longest hold ms'], rows),
    '',
  ]);
}

async function main(): Promise<void> {
  if (process.env['BENCH_PART'] === 'parser') return parserAlone();
  const stack = await startBenchStack('xml');
  try {
    const token = await stack.consumerToken('qlvb');
    const rows: Array<Array<string | number>> = [];
    for (const c of cases()) {
      const body = Buffer.from(c.body);
      // The previous case's garbage is collected before this one is measured.
      await sleep(SETTLE_MS);
      await lag(stack);
      const pinger = healthPinger(stack.gatewayUrl);
      const outcomes = new Map<string, number>();
      let slowestUpload = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        const res = await axios.post(`${stack.gatewayUrl}${PATH}`, body, {
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': c.type ?? 'application/xml' },
          validateStatus: () => true,
          maxBodyLength: Infinity,
        });
        slowestUpload = Math.max(slowestUpload, performance.now() - started);
        const outcome = `${res.status} ${(res.data as { type?: string }).type ?? ''}`.trim();
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      const slowestHealth = await pinger.stop();
      const { p99, max } = await lag(stack);
      rows.push([
        c.name,
        (body.length / MIB).toFixed(1),
        [...outcomes].map(([o, n]) => `${o} ×${n}`).join(', '),
        slowestUpload.toFixed(0),
        p99.toFixed(1),
        max.toFixed(1),
        slowestHealth.toFixed(0),
      ]);
      console.error(rows[rows.length - 1]?.join(' | '));
    }
    recordResults([
      `## Event-loop lag while 20 MiB hostile uploads are checked — ${today()}`,
      '',
      `${machineDescription()}; ${loadDescription()}. \`npm run bench:xml\`: each body posted ${ROUNDS} times, one after another (${SETTLE_MS / 1000} s of quiet before each case), to \`gui-van-ban\` on a gateway process of its own; lag from the gateway's \`lgsp_nodejs_eventloop_lag_p99/max_seconds\` (monitorEventLoopDelay, 10 ms resolution, reset at the scrape before the case), while the bench pings \`/health\` every 10 ms.`,
      '',
      ...markdownTable(['body', 'MiB', 'answers', 'slowest upload ms', 'loop lag p99 ms', 'loop lag max ms', 'slowest /health ms'], rows),
      '',
    ]);
  } finally {
    await stack.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
