import { randomUUID } from 'node:crypto';
import http from 'node:http';
import axios from 'axios';
import { Queue, Worker } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import { listenExpress } from '../src/http/express-server';
import { GATEWAY_JOB_OPTIONS, READY, type PlainEnqueueConfig, type PlainWorkerConfig } from './lib/baselines';

function onSigterm(close: () => Promise<unknown>): void {
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
}

async function runPlainWorker(config: PlainWorkerConfig): Promise<void> {
  const client = axios.create({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }), proxy: false, maxRedirects: 0 });
  // The portal's own session (auth profile dvcqg-session), as the gateway logs in: one login, then the session in every envelope.
  const login = await client.post(`${config.ngspUrl}/dvcqg/1.0/auth`, { username: 'lgsp-bacgiang', password: 'dvcqg-dev-password' });
  const session = String(login.data?.session ?? '');
  if (!session) throw new Error(`the plain worker's login was refused: ${JSON.stringify(login.data)}`);
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<{ item: unknown }>(
    config.queue,
    async (job) => {
      const res = await client.post(config.url, JSON.stringify({ ...config.envelope, session, data: [job.data.item] }), {
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': job.id ?? '', 'idempotency-key': job.id ?? '' },
        signal: AbortSignal.timeout(5000),
        responseType: 'text',
        validateStatus: () => true,
      });
      const answer = JSON.parse(String(res.data)) as { error_code?: string | number; result?: unknown };
      if (res.status !== 200 || ![0, '0', '00'].includes(answer.error_code ?? -1))
        throw new Error(`HTTP ${res.status} error_code ${answer.error_code}`);
      return answer.result;
    },
    { connection, prefix: config.prefix, concurrency: config.concurrency },
  );
  await worker.waitUntilReady();
  console.log(READY);
  onSigterm(async () => {
    await worker.close();
    connection.disconnect();
  });
}

async function runPlainEnqueue(config: PlainEnqueueConfig): Promise<void> {
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await new Promise((resolve) => connection.once('ready', resolve));
  const queue = new Queue(config.queue, { connection, prefix: config.prefix });
  const app = express();
  app.post('/submit', express.json(), async (req, res) => {
    const job = await queue.add('submit', { input: req.body as unknown }, { ...GATEWAY_JOB_OPTIONS, jobId: randomUUID() });
    res.status(202).json({ jobId: job.id, status: 'queued' });
  });
  // Served the way the gateway serves (see createExpressServer), so this stays the floor of its enqueue.
  const server = await listenExpress(app, config.port, '127.0.0.1');
  console.log(READY);
  onSigterm(async () => {
    await new Promise((resolve) => server.close(resolve));
    await queue.close();
    connection.disconnect();
  });
}

/** A node:http server that answers 202 at once: what the load generator and the machine measure with no server work at all. */
async function runNoopServer(config: Pick<PlainEnqueueConfig, 'port'>): Promise<void> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}'));
  });
  server.listen(config.port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  console.log(READY);
  onSigterm(() => new Promise((resolve) => server.close(resolve)));
}

// One baseline of `bench/lib/baselines.ts` per process, by role; its config comes as JSON in BENCH_PLAIN.
const role = process.argv[2];
const ROLES: Record<string, (config: never) => Promise<void>> = { worker: runPlainWorker, enqueue: runPlainEnqueue, noop: runNoopServer };
const config = JSON.parse(process.env['BENCH_PLAIN'] ?? '{}') as unknown;
const run = ROLES[role ?? ''];
(run ? run(config as never) : Promise.reject(new Error(`unknown role ${role}`))).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
