import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import { quotaKeys } from '../src/infra/redis-keys';
import { edocXml } from '../test/mocks/support/wire-builders';
import { startDrillStack, type DrillStack } from './lib/drill-stack';
import { startPrivateRedis } from './lib/private-redis';

/**
 * A soak: mixed traffic against one stack for minutes, sampling the process and Redis as it goes.
 *
 * Traffic: sync lookups on two connections; async submits (each with its own Idempotency-Key,
 * some sent twice as a client retrying after a lost answer would) on two JSON connections and on
 * the document axis as ready-made edXML; callbacks to both consumers. One async connection
 * (`ho-tich`) fails every call for part of every cycle, so retries, its breaker and dead
 * letters happen; an operator replays the dead letters later in the cycle, as the runbook says.
 *
 * Each sample: heap used after a full collection, RSS, open sockets, event-loop delay p99, and
 * the drill's own Redis (a private server, so INFO memory is the drill's alone): used_memory, the
 * keys by family and the log streams. Growth is judged from the first sample after warm-up to
 * the last (SOAK_BOUNDS). Finished jobs are kept for a short age here (see `keep`): with the
 * shipped day (and 10,000 per connection) Redis grows for a whole day by design, and a soak of
 * minutes would only show that. Idempotency digests live as long as the longest of those ages.
 *
 * Checked afterwards: every acknowledged request had exactly one effect at its provider, and a
 * verified `completed` callback reached its consumer.
 */
export interface SoakOptions {
  durationMs: number;
  sampleEveryMs: number;
  /** The first sample at or after this is the baseline growth is measured from. */
  warmupMs: number;
  /** Per second. */
  rates: { lookups: number; submits: number; births: number; documents: number };
  /** Share of async submits sent a second time under the same key (a client retrying). */
  repeatShare: number;
  /** Each cycle: `ho-tich` fails every call for `faultMs`, and its dead letters are replayed `replayAfterMs` into the cycle. */
  cycle: { everyMs: number; faultMs: number; replayAfterMs: number };
  /** How long finished jobs are kept (ages in seconds; counts per connection). */
  keep: { completedAgeSeconds: number; failedAgeSeconds: number; count: number };
  drainTimeoutMs: number;
  log?: (line: string) => void;
}

export interface SoakSample {
  atS: number;
  heapUsedMb: number;
  rssMb: number;
  /** TCP handles of the process (getActiveResourcesInfo): client, gateway, mocks and Redis sockets, listeners included. */
  tcpHandles: number;
  openFds: number;
  eventLoopP99Ms: number;
  redisUsedMb: number;
  redisKeys: number;
  /** Keys by family: BullMQ's (`:q:`), idempotency digests, per-minute stats, the rest. */
  keysByFamily: { queue: number; idempotency: number; stats: number; other: number };
  /** Entries in the connection logs and the audit trail (streams kept for days by design) and their memory. */
  streamEntries: number;
  streamMb: number;
  /** Requests sent since the start, all kinds. */
  requests: number;
}

export interface SoakCheck {
  name: string;
  baseline: number;
  last: number;
  limit: number;
  ok: boolean;
}

export interface SoakReport {
  durationMs: number;
  heapAfterGc: boolean;
  samples: SoakSample[];
  /**
   * Heap used once everything is counted and the mocks' journals, idempotency stores and received
   * callbacks (which grow by one entry per request, in this same process) are cleared: what of the
   * growth was the mocks' bookkeeping rather than the gateway's.
   */
  heapWithoutMockJournalsMb: number;
  baselineIndex: number;
  checks: SoakCheck[];
  traffic: {
    lookups: { sent: number; ok: number; refused: Record<string, number> };
    submits: { sent: number; acknowledged: number; repeats: number; repeatsSameJob: number; refused: Record<string, number> };
    faultWindows: number;
    deadLettersReplayed: number;
  };
  delivery: {
    acknowledged: number;
    deliveredOnce: number;
    doneTwice: number;
    undelivered: number;
    /** Acknowledged jobs with a verified `completed` callback. */
    calledBack: number;
    drainMs: number;
  };
}

/** Growth allowed from the baseline sample to the last. */
export const SOAK_BOUNDS = {
  /** Heap after a full collection: within 20 % of the baseline or 30 MB, whichever is larger. */
  heapShare: 0.2,
  heapMb: 30,
  /** TCP handles: the baseline's plus a keep-alive pool's worth of slack. */
  tcpSlack: 24,
  /** Redis keys and memory outside the log streams: 25 % over the baseline plus a fixed slack. */
  keysShare: 0.25,
  keysSlack: 200,
  redisShare: 0.25,
  redisMb: 4,
} as const;

const ASYNC: ReadonlyArray<{ serviceId: string; operationId: string }> = [
  { serviceId: 'dvcqg-ho-so', operationId: 'dong-bo-ho-so' },
  { serviceId: 'ho-tich', operationId: 'dang-ky-khai-sinh' },
];
const LOOKUPS: ReadonlyArray<{ serviceId: string; operationId: string }> = [
  { serviceId: 'dat-dai', operationId: 'tra-cuu-thua-dat' },
  { serviceId: 'csdl-dan-cu', operationId: 'xac-thuc-cong-dan' },
];
const DOCUMENTS = { serviceId: 'truc-lien-thong-van-ban', operationId: 'gui-van-ban' };
const FAULTED = 'ho-tich';
const MB = 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A full collection before each heap reading, when V8 lets one be asked for; else heapUsed as it is. */
function fullGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

interface Acknowledged {
  serviceId: string;
  consumer: string;
  key: string;
  jobId: string;
}

export async function runSoakDrill(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => undefined);
  const redisServer = await startPrivateRedis();
  let stack: DrillStack;
  try {
    stack = await startDrillStack('soak', {
      redis: redisServer,
      fast: { timeoutMs: 2000, breaker: { resetTimeoutMs: 1000 }, retry: { attempts: 3, backoffMs: 200, maxBackoffMs: 1000 } },
      gateway: (text) => {
        const edited = text
          .replace(/keepCompleted: \{[^}]*\}/, `keepCompleted: { ageSeconds: ${opts.keep.completedAgeSeconds}, count: ${opts.keep.count} }`)
          .replace(/keepFailed: \{[^}]*\}/, `keepFailed: { ageSeconds: ${opts.keep.failedAgeSeconds}, count: ${opts.keep.count} }`);
        // A soak on the shipped day-long retention would measure that retention, not a leak.
        if (!edited.includes(`ageSeconds: ${opts.keep.failedAgeSeconds},`))
          throw new Error('gateway.yaml has no queue.keepFailed to shorten');
        return edited;
      },
    });
  } catch (err) {
    await redisServer.stop();
    throw err;
  }
  const gc = fullGc();
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  try {
    const motCua = await stack.headersFor('mot-cua');
    const qlvb = await stack.headersFor('qlvb');
    const operator = await stack.headersFor('van-hanh');
    const bodies = new Map<string, unknown>();
    for (const op of [...ASYNC, ...LOOKUPS]) bodies.set(op.serviceId, await stack.example('mot-cua', op.serviceId, op.operationId));
    const document = edocXml();
    await axios.delete(`${stack.mocks.ngspUrl}/__mock/journal`);
    await axios.delete(`${stack.mocks.provinceUrl}/__mock/journal`);
    await axios.delete(`${stack.mocks.provinceUrl}/__mock/callbacks`);

    const traffic: SoakReport['traffic'] = {
      lookups: { sent: 0, ok: 0, refused: {} },
      submits: { sent: 0, acknowledged: 0, repeats: 0, repeatsSameJob: 0, refused: {} },
      faultWindows: 0,
      deadLettersReplayed: 0,
    };
    const acknowledged: Acknowledged[] = [];
    const inFlight = new Set<Promise<void>>();
    const track = (p: Promise<void>): void => {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    const count = (into: Record<string, number>, type: string): void => {
      into[type] = (into[type] ?? 0) + 1;
    };

    const submit = (serviceId: string, operationId: string, consumer: string, headers: Record<string, string>, body: unknown): void => {
      const key = `soak-${randomUUID()}`;
      const path = `/api/v1/services/${serviceId}/${operationId}`;
      const send = (): Promise<{ status: number; jobId?: string; type: string }> =>
        stack.api.post(path, body, { headers: { ...headers, 'idempotency-key': key } }).then(
          (res) => ({
            status: res.status,
            type: String(res.headers['x-lgsp-error'] ?? res.status),
            ...(res.status === 202 ? { jobId: String(res.data.jobId) } : {}),
          }),
          () => ({ status: 0, type: 'no answer' }),
        );
      traffic.submits.sent += 1;
      track(
        send().then(async (first) => {
          if (!first.jobId) return count(traffic.submits.refused, first.type);
          traffic.submits.acknowledged += 1;
          acknowledged.push({ serviceId, consumer, key, jobId: first.jobId });
          if (Math.random() >= opts.repeatShare) return;
          traffic.submits.repeats += 1;
          const again = await send();
          if (again.jobId === first.jobId) traffic.submits.repeatsSameJob += 1;
        }),
      );
    };
    const lookup = (serviceId: string, operationId: string): void => {
      traffic.lookups.sent += 1;
      track(
        stack.api.post(`/api/v1/services/${serviceId}/${operationId}`, bodies.get(serviceId), { headers: motCua }).then(
          (res) =>
            res.status === 200
              ? void (traffic.lookups.ok += 1)
              : count(traffic.lookups.refused, String(res.headers['x-lgsp-error'] ?? res.status)),
          () => count(traffic.lookups.refused, 'no answer'),
        ),
      );
    };
    const replayDeadLetters = async (): Promise<number> => {
      const res = await stack.api.post(`/admin/api/services/${FAULTED}/dead-letters/replay`, { all: true }, { headers: operator });
      if (res.status !== 200) throw new Error(`replay: HTTP ${res.status} ${JSON.stringify(res.data)}`);
      const n = (res.data as { replayed: string[] }).replayed.length;
      traffic.deadLettersReplayed += n;
      return n;
    };
    const setFault = (on: boolean): Promise<unknown> =>
      axios.put(`${stack.mocks.ngspUrl}/__mock/faults/${FAULTED}`, on ? { mode: 'error' } : { mode: 'ok' });

    const samples: SoakSample[] = [];
    const started = performance.now();
    const sample = async (): Promise<void> => {
      const eventLoopP99Ms = eld.percentile(99) / 1e6;
      gc?.();
      const mem = process.memoryUsage();
      const redis = await redisFigures(stack);
      const s: SoakSample = {
        atS: Math.round((performance.now() - started) / 1000),
        heapUsedMb: round1(mem.heapUsed / MB),
        rssMb: round1(mem.rss / MB),
        tcpHandles: process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length,
        openFds: openFds(),
        eventLoopP99Ms: round1(eventLoopP99Ms),
        ...redis,
        requests: traffic.lookups.sent + traffic.submits.sent + traffic.submits.repeats,
      };
      samples.push(s);
      // The collection just forced is not the traffic's delay: start the next interval after it.
      eld.reset();
      log(
        `${s.atS} s: heap ${s.heapUsedMb} MB, rss ${s.rssMb} MB, tcp ${s.tcpHandles}, fds ${s.openFds}, loop p99 ${s.eventLoopP99Ms} ms, ` +
          `redis ${s.redisUsedMb} MB / ${s.redisKeys} keys ${JSON.stringify(s.keysByFamily)}, streams ${s.streamEntries} entries ${s.streamMb} MB, ${s.requests} requests`,
      );
    };

    // One open-loop schedule per traffic kind: request i of a kind leaves at i / rate.
    const kinds: Array<{ rate: number; next: number; fire: (i: number) => void }> = [
      {
        rate: opts.rates.lookups,
        next: 0,
        fire: (i) => lookup(LOOKUPS[i % LOOKUPS.length]!.serviceId, LOOKUPS[i % LOOKUPS.length]!.operationId),
      },
      {
        rate: opts.rates.submits,
        next: 0,
        fire: () => submit('dvcqg-ho-so', 'dong-bo-ho-so', 'mot-cua', motCua, bodies.get('dvcqg-ho-so')),
      },
      { rate: opts.rates.births, next: 0, fire: () => submit('ho-tich', 'dang-ky-khai-sinh', 'mot-cua', motCua, bodies.get('ho-tich')) },
      {
        rate: opts.rates.documents,
        next: 0,
        fire: () => submit(DOCUMENTS.serviceId, DOCUMENTS.operationId, 'qlvb', { ...qlvb, 'content-type': 'application/xml' }, document),
      },
    ];
    let nextSampleAt = 0;
    let cycleStarted = -Infinity;
    let faultOn = false;
    let replayed = true;
    while (performance.now() - started < opts.durationMs) {
      const now = performance.now() - started;
      for (const k of kinds) {
        while (k.rate > 0 && k.next / k.rate <= now / 1000) k.fire(k.next++);
      }
      if (now - cycleStarted >= opts.cycle.everyMs) {
        cycleStarted = now;
        await setFault(true);
        faultOn = true;
        replayed = false;
        traffic.faultWindows += 1;
      }
      if (faultOn && now - cycleStarted >= opts.cycle.faultMs) {
        await setFault(false);
        faultOn = false;
      }
      if (!replayed && now - cycleStarted >= opts.cycle.replayAfterMs) {
        replayed = true;
        await replayDeadLetters();
      }
      if (now >= nextSampleAt) {
        nextSampleAt += opts.sampleEveryMs;
        await sample();
      }
      await sleep(5);
    }
    if (faultOn) await setFault(false);
    await Promise.all([...inFlight]);
    await sample();

    // Every acknowledged request must reach its provider once; dead letters left by the last fault are replayed.
    const drainStart = performance.now();
    let effects = await effectsByKey(stack);
    while (acknowledged.some((a) => !effects.has(a.key)) && performance.now() - drainStart < opts.drainTimeoutMs) {
      await replayDeadLetters();
      await sleep(500);
      effects = await effectsByKey(stack);
    }
    const drainMs = Math.round(performance.now() - drainStart);
    const calledBack = await completedCallbacks(stack, acknowledged, opts.drainTimeoutMs - drainMs);
    const counts = acknowledged.map((a) => effects.get(a.key) ?? 0);
    for (const url of [stack.mocks.ngspUrl, stack.mocks.provinceUrl]) await axios.delete(`${url}/__mock/journal`);
    await axios.delete(`${stack.mocks.provinceUrl}/__mock/callbacks`);
    gc?.();
    const heapWithoutMockJournalsMb = round1(process.memoryUsage().heapUsed / MB);

    const baselineIndex = Math.max(
      0,
      samples.findIndex((s) => s.atS * 1000 >= opts.warmupMs),
    );
    return {
      durationMs: opts.durationMs,
      heapAfterGc: gc !== undefined,
      samples,
      heapWithoutMockJournalsMb,
      baselineIndex,
      checks: growthChecks(samples[baselineIndex]!, samples[samples.length - 1]!),
      traffic,
      delivery: {
        acknowledged: acknowledged.length,
        deliveredOnce: counts.filter((c) => c === 1).length,
        doneTwice: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
        undelivered: counts.filter((c) => c === 0).length,
        calledBack,
        drainMs,
      },
    };
  } finally {
    eld.disable();
    await setFaultOff(stack);
    await stack.close();
    await redisServer.stop();
  }
}

async function setFaultOff(stack: DrillStack): Promise<void> {
  await axios.delete(`${stack.mocks.ngspUrl}/__mock/faults`).catch(() => undefined);
}

export function growthChecks(base: SoakSample, last: SoakSample): SoakCheck[] {
  const b = SOAK_BOUNDS;
  const check = (name: string, baseline: number, value: number, limit: number): SoakCheck => ({
    name,
    baseline,
    last: value,
    limit: round1(limit),
    ok: value <= limit,
  });
  const outsideStreams = (s: SoakSample): number => round1(s.redisUsedMb - s.streamMb);
  return [
    check('heap used after GC, MB', base.heapUsedMb, last.heapUsedMb, base.heapUsedMb + Math.max(b.heapMb, base.heapUsedMb * b.heapShare)),
    check('TCP handles', base.tcpHandles, last.tcpHandles, base.tcpHandles + b.tcpSlack),
    check('Redis keys', base.redisKeys, last.redisKeys, base.redisKeys * (1 + b.keysShare) + b.keysSlack),
    check(
      'Redis used_memory outside the log streams, MB',
      outsideStreams(base),
      outsideStreams(last),
      outsideStreams(base) * (1 + b.redisShare) + b.redisMb,
    ),
  ];
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return -1;
  }
}

/** The drill's Redis: INFO memory, its keys by family, and the streams (connection logs, audit trail). */
async function redisFigures(
  stack: DrillStack,
): Promise<Pick<SoakSample, 'redisUsedMb' | 'redisKeys' | 'keysByFamily' | 'streamEntries' | 'streamMb'>> {
  const info = await stack.redis.info('memory');
  const usedMemory = Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
  const families = { queue: 0, idempotency: 0, stats: 0, other: 0 };
  // queuePrefix(): every BullMQ key of every queue starts so.
  const queueKeys = `${stack.prefix}:q:`;
  const idempotencyKeys = quotaKeys(stack.prefix).idempotency('');
  const streams: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await stack.redis.scan(cursor, 'MATCH', `${stack.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (key.startsWith(queueKeys)) families.queue += 1;
      else if (key.startsWith(idempotencyKeys)) families.idempotency += 1;
      else if (/:stats:\d+$/.test(key)) families.stats += 1;
      else {
        families.other += 1;
        streams.push(key);
      }
    }
  } while (cursor !== '0');
  // The connection logs and the audit trail: the streams outside BullMQ's keys.
  let streamEntries = 0;
  let streamBytes = 0;
  for (const key of streams) {
    if ((await stack.redis.type(key)) !== 'stream') continue;
    streamEntries += await stack.redis.xlen(key);
    streamBytes += Number((await stack.redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
  }
  return {
    redisUsedMb: round1(usedMemory / MB),
    redisKeys: families.queue + families.idempotency + families.stats + families.other,
    keysByFamily: families,
    streamEntries,
    streamMb: round1(streamBytes / MB),
  };
}

/** Effects per Idempotency-Key at both mocks' providers (one journal item per effect). */
async function effectsByKey(stack: DrillStack): Promise<Map<string, number>> {
  const perKey = new Map<string, number>();
  for (const url of [stack.mocks.ngspUrl, stack.mocks.provinceUrl]) {
    const items = (await axios.get(`${url}/__mock/journal`)).data.items as Array<{ idempotencyKey: string | null }>;
    for (const item of items) if (item.idempotencyKey) perKey.set(item.idempotencyKey, (perKey.get(item.idempotencyKey) ?? 0) + 1);
  }
  return perKey;
}

/** How many acknowledged jobs have a verified `completed` callback, waiting for stragglers up to `timeoutMs`. */
async function completedCallbacks(stack: DrillStack, acknowledged: readonly Acknowledged[], timeoutMs: number): Promise<number> {
  const until = performance.now() + Math.max(timeoutMs, 0);
  for (;;) {
    const items = (await axios.get(`${stack.mocks.provinceUrl}/__mock/callbacks`)).data.items as Array<{
      verified: boolean;
      body: { jobId?: string; outcome?: string };
    }>;
    const done = new Set(items.filter((i) => i.verified && i.body.outcome === 'completed').map((i) => String(i.body.jobId)));
    const n = acknowledged.filter((a) => done.has(a.jobId)).length;
    if (n === acknowledged.length || performance.now() >= until) return n;
    await sleep(500);
  }
}
