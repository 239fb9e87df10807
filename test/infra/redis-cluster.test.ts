import { spawnSync } from 'node:child_process';
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { Cluster } from 'ioredis';
import { startRedisCluster, type LocalCluster } from '../../drills/lib/redis-cluster';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { REQUEST_REDIS_COMMAND_TIMEOUT_MS } from '../../src/infra/redis-connection';
import { connectionLogKey, queueKey } from '../../src/infra/redis-keys';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { waitUntil } from '../support/wait-until';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/*
 * The gateway on a Redis Cluster of three masters that this test starts itself
 * (`redis-server --cluster-enabled yes`): a gateway process and worker processes configured with
 * REDIS_CLUSTER_NODES only (REDIS_URL points at a port where nothing listens), the queue, crash
 * and outage behaviour of the single-Redis tests, and the audit chains verified on the cluster.
 */
const ROOT = path.resolve(__dirname, '../..');

/** Whether redis-server can run a cluster node here, decided before the suite is declared. */
function probeClusterSupport(): { ok: boolean; why: string } {
  const probe = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', "require('./drills/lib/redis-cluster').clusterSupport().then((r) => console.log(JSON.stringify(r)))"],
    { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
  );
  try {
    const result = JSON.parse(probe.stdout.trim().split('\n').pop() ?? '') as { ok: boolean; why?: string };
    return { ok: result.ok, why: result.why ?? '' };
  } catch {
    return { ok: false, why: `the probe failed: ${probe.stderr || probe.error?.message || 'no output'}` };
  }
}

const support = probeClusterSupport();
if (!support.ok) process.stderr.write(`\n*** Redis Cluster tests SKIPPED: ${support.why}\n\n`);
const describeCluster = support.ok ? describe : describe.skip;

/** Three connections whose queues and logs land on different masters (checked below). */
const CALLS = [
  { service: 'dvcqg-ho-so', operation: 'dong-bo-ho-so' },
  { service: 'emc-giam-sat', operation: 'ghi-nhan-su-kien' },
  { service: 'dat-dai', operation: 'tra-cuu-thua-dat', prefer: 'respond-async' },
] as const;

describeCluster('the gateway on a 3-master Redis Cluster', () => {
  let cluster: LocalCluster;
  let client: Cluster;
  let mocks: RunningMocks;
  let gateway: GatewayProcess;
  let api: AxiosInstance;
  const workers: WorkerProcess[] = [];
  const prefix = testPrefix('cluster');
  let env: NodeJS.ProcessEnv;
  const examples = new Map<string, unknown>();
  let headers: Record<string, string>;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
    client = cluster.client();
    mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
    env = {
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      // Nothing listens there: everything must come from the cluster.
      REDIS_URL: 'redis://127.0.0.1:1',
      LGSP_KEY_PREFIX: prefix,
      NGSP_URL: mocks.ngspUrl,
      PROVINCE_URL: mocks.provinceUrl,
      LGSP_LOCK_DURATION_MS: '2000',
      LGSP_STALLED_INTERVAL_MS: '1000',
      LGSP_QUOTA_ASYNC_PER_SECOND: '100000',
      LGSP_QUOTA_ASYNC_BURST: '100000',
    };
    gateway = await startGatewayProcess(env);
    api = axios.create({ baseURL: gateway.url, validateStatus: () => true, timeout: 10_000 });
    const token = await api.post('/token', 'grant_type=client_credentials', {
      auth: { username: 'mot-cua', password: 'mot-cua-dev-secret' },
    });
    expect(token.status).toBe(200);
    headers = { authorization: `Bearer ${token.data.access_token}`, 'content-type': 'application/json' };
    const directory = (await api.get('/api/v1/services', { headers })).data as {
      services: Array<{ id: string; operations: Array<{ id: string; example?: unknown }> }>;
    };
    for (const c of CALLS)
      examples.set(c.service, directory.services.find((s) => s.id === c.service)!.operations.find((o) => o.id === c.operation)!.example);
  }, 90_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await gateway?.crash();
    await mocks?.close();
    if (client) {
      await deleteKeys(client, prefix).catch(() => undefined);
      client.disconnect();
    }
    await cluster?.stop();
  });

  const submit = (call: (typeof CALLS)[number], key: string) =>
    api.post(`/api/v1/services/${call.service}/${call.operation}`, examples.get(call.service), {
      headers: { ...headers, 'idempotency-key': key, ...('prefer' in call ? { prefer: call.prefer } : {}) },
    });

  const jobStatus = async (jobId: string): Promise<string | undefined> =>
    ((await api.get(`/api/v1/jobs/${encodeURIComponent(jobId)}`, { headers })).data as { status?: string }).status;

  const allEnded = async (jobIds: readonly string[], what: string, timeoutMs = 60_000): Promise<Map<string, string>> => {
    const ended = new Map<string, string>();
    await waitUntil(
      what,
      async () => {
        for (const id of jobIds) {
          if (ended.has(id)) continue;
          const status = await jobStatus(id);
          if (status === 'completed' || status === 'failed') ended.set(id, status);
        }
        return ended.size === jobIds.length ? true : undefined;
      },
      { timeoutMs, intervalMs: 250, describe: () => `${ended.size}/${jobIds.length} ended` },
    );
    return ended;
  };

  /** How many requests each idempotency key made reach the provider (from the mock's journal). */
  const effects = async (service: string): Promise<Map<string, number>> => {
    const url = service === 'dvcqg-ho-so' || service === 'emc-giam-sat' || service === 'dat-dai' ? mocks.ngspUrl : mocks.provinceUrl;
    const journal = (await axios.get(`${url}/__mock/journal`, { params: { serviceId: service } })).data as {
      items: Array<{ idempotencyKey: string | null }>;
    };
    const perKey = new Map<string, number>();
    for (const item of journal.items) if (item.idempotencyKey) perKey.set(item.idempotencyKey, (perKey.get(item.idempotencyKey) ?? 0) + 1);
    return perKey;
  };

  test('the connections used here keep their queues and logs on different masters', async () => {
    const queueNodes = await Promise.all(CALLS.map((c) => cluster.nodeOf(queueKey(prefix, c.service))));
    expect(new Set(queueNodes).size).toBeGreaterThanOrEqual(2);
    // A connection's log keys share one slot with each other (one script writes them).
    for (const c of CALLS) expect(await cluster.nodeOf(connectionLogKey(prefix, c.service))).toBe(queueNodes[CALLS.indexOf(c)]);
  });

  test('a gateway and a worker started with REDIS_CLUSTER_NODES only accept and deliver async requests, each once', async () => {
    workers.push(startWorkerProcess(env));
    const accepted: Array<{ jobId: string; key: string; service: string }> = [];
    for (let i = 0; i < 20; i++) {
      for (const call of CALLS) {
        const key = `cluster-${call.service}-${i}`;
        const res = await submit(call, key);
        expect(res.status).toBe(202);
        accepted.push({ jobId: String(res.data.jobId), key, service: call.service });
      }
    }
    // The same key again: the same job, nothing new queued.
    const again = await submit(CALLS[0], accepted[0]!.key);
    expect(again.status).toBe(202);
    expect(again.data.jobId).toBe(accepted[0]!.jobId);

    const ended = await allEnded(
      accepted.map((a) => a.jobId),
      'every accepted job ends',
    );
    expect([...ended.values()].every((s) => s === 'completed')).toBe(true);
    for (const call of CALLS) {
      const perKey = await effects(call.service);
      const mine = accepted.filter((a) => a.service === call.service);
      for (const a of mine) expect({ key: a.key, effects: perKey.get(a.key) ?? 0 }).toEqual({ key: a.key, effects: 1 });
    }
    // The job keys are really on the cluster, spread over its masters.
    const holders = new Set(await Promise.all(accepted.map((a) => cluster.nodeOf(`${queueKey(prefix, a.service)}:${a.jobId}`))));
    expect(holders.size).toBeGreaterThanOrEqual(2);
  }, 90_000);

  test('a sync call is answered and logged; the audit trail and connection-log chains verify on the cluster', async () => {
    const res = await api.post('/api/v1/services/dat-dai/tra-cuu-thua-dat', examples.get('dat-dai'), { headers });
    expect(res.status).toBe(200);
    await waitUntil(
      'the exchange reaches the connection log',
      async () => ((await client.xlen(connectionLogKey(prefix, 'dat-dai'))) > 0 ? true : undefined),
      {
        timeoutMs: 10_000,
      },
    );
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
    expect(verify.stdout).toMatch(/ok\s+log:svc:dat-dai: \d+ records intact/);
    expect(verify.stdout).toMatch(/all \d+ chains intact/);
  }, 90_000);

  test('a worker killed with SIGKILL mid-drain loses nothing on the cluster: another finishes its jobs, each reaching the provider once', async () => {
    for (const w of workers.splice(0)) await w.stop();
    await axios.put(`${mocks.ngspUrl}/__mock/faults/emc-giam-sat`, { mode: 'slow', latencyMs: 30 });
    const call = CALLS[1];
    const accepted: Array<{ jobId: string; key: string }> = [];
    for (let i = 0; i < 150; i++) {
      const key = `cluster-crash-${i}`;
      const res = await submit(call, key);
      expect(res.status).toBe(202);
      accepted.push({ jobId: String(res.data.jobId), key });
    }
    const a = startWorkerProcess(env);
    await waitUntil(
      'worker A completes some jobs',
      async () => {
        let done = 0;
        for (const { jobId } of accepted.slice(0, 40)) if ((await jobStatus(jobId)) === 'completed') done += 1;
        return done >= 10 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, describe: () => a.output() },
    );
    a.crash();
    expect((await a.exited).signal).toBe('SIGKILL');
    workers.push(startWorkerProcess(env));
    const ended = await allEnded(
      accepted.map((x) => x.jobId),
      'every job ends after the crash',
    );
    await axios.delete(`${mocks.ngspUrl}/__mock/faults`);
    expect([...ended.values()].every((s) => s === 'completed')).toBe(true);
    const perKey = await effects(call.service);
    const doneTwice = accepted.filter((x) => (perKey.get(x.key) ?? 0) > 1).map((x) => x.key);
    const missing = accepted.filter((x) => (perKey.get(x.key) ?? 0) === 0).map((x) => x.key);
    expect({ missing, doneTwice }).toEqual({ missing: [], doneTwice: [] });
  }, 120_000);

  test('with one master down, submits whose queue it held answer 503 in time, the others are accepted, sync calls answer; all delivered once it is back', async () => {
    const node = await cluster.nodeOf(queueKey(prefix, CALLS[0].service));
    const elsewhere = CALLS.find((c) => c.service !== CALLS[0].service && !('prefer' in c));
    const otherNode = await cluster.nodeOf(queueKey(prefix, elsewhere!.service));
    await cluster.stopNode(node);
    try {
      const started = performance.now();
      const down = await submit(CALLS[0], 'cluster-outage-down');
      const took = performance.now() - started;
      expect(down.status).toBe(503);
      expect(down.data.type ?? down.data.error?.type ?? JSON.stringify(down.data)).toMatch(/QueueUnavailable/);
      expect(took).toBeLessThan(2 * REQUEST_REDIS_COMMAND_TIMEOUT_MS + 3000);

      const sync = await api.post('/api/v1/services/dat-dai/tra-cuu-thua-dat', examples.get('dat-dai'), { headers });
      expect(sync.status).toBe(200);
      if (otherNode !== node) {
        // Only where the other connection's slot lives on a master that is up.
        const up = await submit(elsewhere!, 'cluster-outage-up');
        expect(up.status).toBe(202);
      }
    } finally {
      await cluster.startNode(node);
    }
    let back: { status: number; data: { jobId?: string } } | undefined;
    await waitUntil(
      'submits to the restarted master are accepted again',
      async () => {
        back = await submit(CALLS[0], 'cluster-outage-back');
        return back.status === 202 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, describe: () => JSON.stringify(back?.data) },
    );
    const ended = await allEnded([String(back!.data.jobId)], 'the job accepted after the outage ends');
    expect([...ended.values()]).toEqual(['completed']);
    expect((await effects(CALLS[0].service)).get('cluster-outage-back')).toBe(1);
  }, 120_000);
});
