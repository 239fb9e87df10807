import autocannon from 'autocannon';
import axios from 'axios';
import { Queue } from 'bullmq';
import { READY as BASELINE_READY, type PlainEnqueueConfig } from './baselines';
import { freePort, startTsx, type BenchProcess } from './bench-process';
import type { BenchStack } from './bench-stack';
import { startCpuMeter, type CpuUse } from './cpu-meter';
import { pacedLoad } from './paced-load';

export interface EnqueueResult {
  title: string;
  rps: number;
  answered: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  cpu: CpuUse | null;
}

export interface EnqueueLoad {
  rate: number;
  durationS: number;
  /** autocannon's connections. */
  connections: number;
}

type Call = { url: string; method: 'POST'; headers: Record<string, string>; body: string };

/** autocannon as asked (overallRate), then an evenly paced open loop at the same rate; `reset` empties the queue before each. */
async function loadPair(
  server: string,
  call: Call,
  load: EnqueueLoad,
  reset: () => Promise<void>,
  cpuGroups: () => Record<string, number[]>,
): Promise<EnqueueResult[]> {
  await autocannon({ ...call, duration: 2, connections: load.connections, overallRate: load.rate / 2 });
  await reset();
  let meter = startCpuMeter(cpuGroups());
  const a = await autocannon({ ...call, duration: load.durationS, connections: load.connections, overallRate: load.rate });
  const first: EnqueueResult = {
    title: `${server}: autocannon, ${load.connections} connections, overallRate`,
    rps: Math.round(a.requests.average),
    answered: a.requests.total,
    p50: a.latency.p50,
    p90: a.latency.p90,
    p99: a.latency.p99,
    max: a.latency.max,
    non2xx: a.non2xx,
    errors: a.errors + a.timeouts,
    cpu: meter?.stop() ?? null,
  };
  await reset();
  meter = startCpuMeter(cpuGroups());
  const p = await pacedLoad({ ...call, rate: load.rate, durationS: load.durationS });
  const second: EnqueueResult = {
    title: `${server}: evenly paced open loop`,
    rps: p.achievedRps,
    answered: p.sent - p.errors,
    ...p,
    cpu: meter?.stop() ?? null,
  };
  return [first, second];
}

/** Starts a baseline server of `bench/plain-baselines.ts` on a free port. */
async function startBaseline(
  role: 'enqueue' | 'noop',
  stack: BenchStack,
): Promise<{ url: string; process: BenchProcess; queue: Queue; config: PlainEnqueueConfig }> {
  const config: PlainEnqueueConfig = {
    redisUrl: stack.redisUrl,
    prefix: `${stack.prefix}:plain`,
    queue: 'plain-enqueue',
    port: await freePort(),
  };
  const process = startTsx(`plain-${role}`, 'bench/plain-baselines.ts', { args: [role], env: { BENCH_PLAIN: JSON.stringify(config) } });
  await process.waitForLine((line) => line === BASELINE_READY);
  return {
    url: `http://127.0.0.1:${config.port}/submit`,
    process,
    queue: new Queue(config.queue, { connection: stack.redis, prefix: config.prefix }),
    config,
  };
}

/**
 * The same loads on three servers, in this order: a node:http server that answers at once
 * (the floor of the load generator and the machine), a bare express + BullMQ `queue.add`
 * server (the floor of an enqueue over HTTP on this stack), then the gateway's submit of the
 * operation's directory example. Only the gateway's paced run's jobs stay on `queue`:
 * rate × duration of them.
 */
export async function measureEnqueue(
  stack: BenchStack,
  token: string,
  queue: Queue,
  serviceId: string,
  operationId: string,
  load: EnqueueLoad,
): Promise<EnqueueResult[]> {
  const directory = (await axios.get(`${stack.gatewayUrl}/api/v1/services`, { headers: { authorization: `Bearer ${token}` } })).data as {
    services: Array<{ id: string; operations: Array<{ id: string; example: unknown }> }>;
  };
  const example = directory.services.find((s) => s.id === serviceId)?.operations.find((o) => o.id === operationId)?.example;
  if (!example) throw new Error(`the directory has no example for ${serviceId}/${operationId}`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const body = JSON.stringify(example);
  const results: EnqueueResult[] = [];
  for (const [role, title] of [
    ['noop', 'node:http, no work'],
    ['enqueue', 'express + queue.add'],
  ] as const) {
    const baseline = await startBaseline(role, stack);
    const cpuGroups = (): Record<string, number[]> => ({
      ...stack.cpuGroups(),
      [baseline.process.name]: baseline.process.child.pid === undefined ? [] : [baseline.process.child.pid],
    });
    try {
      results.push(
        ...(await loadPair(
          title,
          { url: baseline.url, method: 'POST', headers, body },
          load,
          () => baseline.queue.obliterate({ force: true }),
          cpuGroups,
        )),
      );
    } finally {
      await baseline.process.stop();
      await baseline.queue.obliterate({ force: true });
      await baseline.queue.close();
    }
  }
  const gateway = await loadPair(
    'gateway',
    { url: `${stack.gatewayUrl}/api/v1/services/${serviceId}/${operationId}`, method: 'POST', headers, body },
    load,
    () => queue.drain(true),
    () => stack.cpuGroups(),
  );
  return [...gateway, ...results];
}
