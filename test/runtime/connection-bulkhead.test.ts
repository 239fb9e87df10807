import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import axios, { type AxiosResponse } from 'axios';
import { Redis } from 'ioredis';
import request from 'supertest';
import { startMocks } from '../../mocks/main';
import { CONNECTOR_MAP } from '../../connectors';
import { connectionLogKey } from '../../src/infra/redis-keys';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { loadConfig } from '../../src/config/load-config';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

/**
 * Issue 12, item 3: one slow provider may hold only its own connection's sockets and callers.
 * Past its cap of sync calls in flight a call is refused at once, typed, for that connection
 * only, without touching its breaker; an unrelated connection keeps answering.
 */
const SLOW = 'csdl-dan-cu';
const SLOW_CALL = `/api/v1/services/${SLOW}/xac-thuc-cong-dan`;
const OTHER = 'dat-dai';
const OTHER_CALL = `/api/v1/services/${OTHER}/tra-cuu-thua-dat`;
const CAP = 4;
const SLOW_MS = 2500;

/** The shipped catalog with a small cap and a breaker that would open after 3 counted failures. */
function catalogWith(bulkhead: string): (file: string, text: string) => string {
  return (file, text) =>
    file === 'catalog.yaml'
      ? text
          .replace(/^ {2}bulkhead: \{[^}]*\}/m, `  bulkhead: ${bulkhead}`)
          .replace(/volumeThreshold: \d+/, 'volumeThreshold: 3')
          .replace(/consecutiveFailures: \d+/, 'consecutiveFailures: 3')
      : text;
}

let mocks: Awaited<ReturnType<typeof startMocks>>;
let gateway: GatewayParts;
let server: Server;
let base: string;
let redis: Redis;
let configDir: string;
const prefix = testPrefix('bulkhead');

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  configDir = copyConfig(catalogWith(`{ maxSockets: 16, maxConcurrentSync: ${CAP} }`));
  gateway = composeGateway({
    env: { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
    configDir,
  });
  await gateway.redisReady();
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  server = gateway.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await gateway?.close();
  await mocks?.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  removeConfigCopy(configDir);
});

async function token(consumer: string): Promise<string> {
  const res = await request(gateway.app)
    .post('/token')
    .auth(consumer, `${consumer}-dev-secret`)
    .type('form')
    .send({ grant_type: 'client_credentials' });
  return `Bearer ${res.body.access_token as string}`;
}

interface Timed {
  res: AxiosResponse;
  ms: number;
}

async function call(path: string, authorization: string, serviceId: string): Promise<Timed> {
  const body = gateway.catalog.getOperation(serviceId, path.split('/').at(-1)!).config.example;
  const started = performance.now();
  const res = await axios.post(`${base}${path}`, body, { headers: { authorization }, validateStatus: () => true, timeout: 10_000 });
  return { res, ms: performance.now() - started };
}

async function records(serviceId: string): Promise<ExchangeRecord[]> {
  await gateway.connectionLog.flush();
  const entries = await redis.xrange(connectionLogKey(prefix, serviceId), '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as ExchangeRecord);
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('with one provider slow, calls past its cap get 503 ConnectionBusy at once while an unrelated connection answers and no breaker opens', async () => {
  await axios.put(`${mocks.ngspUrl}/__mock/faults/${SLOW}`, { mode: 'slow', latencyMs: SLOW_MS });
  const [slowCaller, otherCaller] = [await token('mot-cua'), await token('mot-cua')];

  const held = Array.from({ length: CAP }, () => call(SLOW_CALL, slowCaller, SLOW));
  await until('the cap to fill', () => gateway.bulkheads.inFlight(SLOW) === CAP);
  // The slow provider holds exactly its admitted calls' sockets, on its own agent; nobody waits for one.
  expect(gateway.transport.socketUse(SLOW)).toMatchObject({ maxSockets: 16, sockets: CAP, waiting: 0 });
  const refused = await Promise.all(Array.from({ length: 3 * CAP }, () => call(SLOW_CALL, slowCaller, SLOW)));
  const other = [];
  for (let i = 0; i < 5; i++) other.push(await call(OTHER_CALL, otherCaller, OTHER));
  // All of the above ran while the slow provider still held its calls.
  expect(gateway.bulkheads.inFlight(SLOW)).toBe(CAP);
  const admitted = await Promise.all(held);

  for (const { res, ms } of refused) {
    expect(res.status).toBe(503);
    expect(res.headers['x-lgsp-error']).toBe('Server.Gateway.ConnectionBusy');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.data.message).toContain(`${CAP} calls in flight`);
    expect(ms).toBeLessThan(SLOW_MS / 2);
  }
  for (const { res, ms } of other) {
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(SLOW_MS / 2);
  }
  for (const { res, ms } of admitted) {
    expect(res.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(SLOW_MS - 50);
  }
  // A refusal is ours, not the provider's: neither breaker moved.
  expect(gateway.breakers.state(SLOW)).toBe('closed');
  expect(gateway.breakers.transitions(SLOW)).toHaveLength(0);
  expect(gateway.breakers.state(OTHER)).toBe('closed');
  expect(gateway.bulkheads.inFlight(SLOW)).toBe(0);
});

test('each refusal is in the connection log as an exchange the gateway refused, and never reached the provider', async () => {
  const log = await records(SLOW);
  const busy = log.filter((r) => r.errorType === 'Server.Gateway.ConnectionBusy');
  expect(busy).toHaveLength(3 * CAP);
  for (const r of busy)
    expect(r).toMatchObject({ outcome: 'failure', mode: 'sync', requestOutTs: null, responseInTs: null, httpStatus: null });
  expect(log.filter((r) => r.outcome === 'success')).toHaveLength(CAP);
  const journal = (await axios.get(`${mocks.ngspUrl}/__mock/journal`, { params: { serviceId: SLOW } })).data as { total: number };
  expect(journal.total).toBe(CAP);
  const metrics = await gateway.metrics.registry.metrics();
  expect(metrics).toContain(`lgsp_bulkhead_refused_total{service="${SLOW}"} ${3 * CAP}`);
  expect(metrics).toContain(`lgsp_bulkhead_limit{service="${OTHER}"} ${CAP}`);
});

test('each connection calls its provider through its own agent, made with its own socket cap', async () => {
  await axios.delete(`${mocks.ngspUrl}/__mock/faults`);
  const caller = await token('mot-cua');
  expect(gateway.transport.socketUse('vneid')).toBeNull();
  await call(OTHER_CALL, caller, OTHER);
  // Both providers sit on the same host (the national platform), yet each connection keeps its own pool.
  expect(gateway.transport.socketUse(OTHER)).toMatchObject({ maxSockets: 16, sockets: 0, free: 1, waiting: 0 });
  expect(gateway.transport.socketUse(SLOW)).toMatchObject({ maxSockets: 16, sockets: 0, waiting: 0 });
  expect(gateway.transport.socketUse(SLOW)!.free).toBeGreaterThanOrEqual(1);
});

test('a socket cap too small for the sync cap and the workers is refused at boot, naming the connection', () => {
  const dir = copyConfig((file, text) =>
    file === 'catalog.yaml' ? text.replace(/^ {2}bulkhead: \{[^}]*\}/m, '  bulkhead: { maxSockets: 8, maxConcurrentSync: 8 }') : text,
  );
  try {
    expect(() => loadConfig({ dir, env: process.env, connectors: CONNECTOR_MAP })).toThrow(
      /csdl-dan-cu: maxSockets \(8\) must be at least maxConcurrentSync \(8\) \+ concurrency \(4\)/,
    );
  } finally {
    removeConfigCopy(dir);
  }
});
