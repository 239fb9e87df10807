import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import { Redis } from 'ioredis';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { connectRedis, type RedisClient } from '../../src/infra/redis-connection';
import { queueKey } from '../../src/infra/redis-keys';
import { ALL_ROLES, startRoles, type RolesHandle } from '../../src/main/start-roles';
import { freePort, startOwnRedis, type OwnRedis } from '../support/own-redis';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { waitUntil } from '../support/wait-until';

/*
 * Failover of a single Redis: a replica promoted, the old master demoted (it answers writes
 * with READONLY), with a client behind one address that moves to the new master (a load
 * balancer, a DNS name, a virtual IP). And the gateway finding its master through a Sentinel.
 */

/** Makes `replica` follow `master` and waits until its link is up (the first sync done). */
async function replicate(replica: OwnRedis, master: OwnRedis): Promise<void> {
  const m = new Redis(master.url);
  const r = new Redis(replica.url);
  try {
    // No 5 s wait before a diskless first sync: the tests fail over within a second.
    await m.config('SET', 'repl-diskless-sync-delay', '0');
    await r.replicaof('127.0.0.1', master.port);
    await waitUntil(
      'the replica is in sync',
      async () => ((await r.info('replication')).includes('master_link_status:up') ? true : undefined),
      {
        timeoutMs: 10_000,
      },
    );
  } finally {
    m.disconnect();
    r.disconnect();
  }
}

/** Promotes `to` and makes `from` its replica, as a failover leaves them. */
async function failover(from: OwnRedis, to: OwnRedis): Promise<void> {
  const a = new Redis(from.url);
  const b = new Redis(to.url);
  try {
    await b.replicaof('NO', 'ONE');
    await a.replicaof('127.0.0.1', to.port);
  } finally {
    a.disconnect();
    b.disconnect();
  }
}

/** A TCP address in front of one Redis whose target can be moved; connections made before stay where they were. */
async function movableAddress(targetPort: number): Promise<{ port: number; moveTo(port: number): void; close(): Promise<void> }> {
  let target = targetPort;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    moveTo: (port) => (target = port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a client behind one address that moves to the new master', () => {
  let a: OwnRedis;
  let b: OwnRedis;
  let address: Awaited<ReturnType<typeof movableAddress>>;
  const clients: RedisClient[] = [];

  beforeAll(async () => {
    a = await startOwnRedis();
    b = await startOwnRedis();
    await replicate(b, a);
    address = await movableAddress(a.port);
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await address?.close();
    await a?.dispose();
    await b?.dispose();
  });

  test('reconnects on READONLY and resends the write to the new master; a client without it keeps failing', async () => {
    const url = `redis://127.0.0.1:${address.port}`;
    const gateway = connectRedis({ kind: 'single', url }, 'request');
    const worker = connectRedis({ kind: 'single', url }, 'blocking');
    const plain = new Redis(url, { maxRetriesPerRequest: 1 });
    clients.push(gateway, worker, plain);
    plain.on('error', () => undefined);
    // A request-path client fails at once while not connected (no offline queue): wait for it.
    await new Promise((resolve) => gateway.once('ready', resolve));
    await gateway.set('lgsp-test-failover:k', 'before');
    await worker.set('lgsp-test-failover:w', 'before');
    await plain.set('lgsp-test-failover:plain', 'before');

    address.moveTo(b.port);
    await failover(a, b);

    // Kept connections still reach the demoted master and get READONLY: each reconnects (to the
    // new master behind the address). A worker's connection (offline queue on) resends the write;
    // the request path's (no offline queue, fails fast) fails that one write typed, then recovers.
    await expect(worker.set('lgsp-test-failover:w', 'after')).resolves.toBe('OK');
    await expect(gateway.set('lgsp-test-failover:k', 'after')).rejects.toThrow();
    await waitUntil(
      'the request-path client writes to the new master',
      async () => ((await gateway.set('lgsp-test-failover:k', 'after').catch(() => undefined)) === 'OK' ? true : undefined),
      { timeoutMs: 5000, intervalMs: 50 },
    );
    // Without the reconnect a client stays on the demoted server: every write fails.
    await expect(plain.set('lgsp-test-failover:plain', 'after')).rejects.toThrow(/READONLY/);
    await expect(plain.set('lgsp-test-failover:plain', 'again')).rejects.toThrow(/READONLY/);
    const promoted = new Redis(b.url);
    clients.push(promoted);
    expect(await promoted.mget('lgsp-test-failover:k', 'lgsp-test-failover:w')).toEqual(['after', 'after']);
    await promoted.del('lgsp-test-failover:k', 'lgsp-test-failover:w', 'lgsp-test-failover:plain');
  });
});

/** A Sentinel watching `master` (quorum 1, quick to decide), on a port of its own. */
async function startSentinel(master: OwnRedis): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lgsp-test-sentinel-'));
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor lgspmaster 127.0.0.1 ${master.port} 1`,
      'sentinel down-after-milliseconds lgspmaster 1000',
      'sentinel failover-timeout lgspmaster 5000',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  await waitUntil(
    'the sentinel knows the master',
    async () => {
      const s = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      s.on('error', () => undefined);
      try {
        await s.connect();
        const addr = (await s.call('SENTINEL', 'get-master-addr-by-name', 'lgspmaster')) as string[] | null;
        return addr && addr[1] === String(master.port) ? true : undefined;
      } catch {
        return undefined;
      } finally {
        s.disconnect();
      }
    },
    { timeoutMs: 10_000 },
  );
  return {
    port,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the gateway on a Sentinel-managed master', () => {
  let a: OwnRedis;
  let b: OwnRedis;
  let sentinel: Awaited<ReturnType<typeof startSentinel>>;
  let mocks: RunningMocks;
  let roles: RolesHandle;
  let api: AxiosInstance;
  let headers: Record<string, string>;
  let example: unknown;
  const prefix = testPrefix('sentinel');

  beforeAll(async () => {
    a = await startOwnRedis();
    b = await startOwnRedis();
    await replicate(b, a);
    sentinel = await startSentinel(a);
    mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
      REDIS_SENTINEL_MASTER: 'lgspmaster',
      // Nothing listens there: the master comes from the Sentinel.
      REDIS_URL: 'redis://127.0.0.1:1',
      LGSP_KEY_PREFIX: prefix,
      NGSP_URL: mocks.ngspUrl,
      PROVINCE_URL: mocks.provinceUrl,
      LOG_LEVEL: 'silent',
    };
    roles = await startRoles({ roles: ALL_ROLES, env, port: 0, host: '127.0.0.1' });
    api = axios.create({ baseURL: roles.http!.url, validateStatus: () => true, timeout: 10_000 });
    const token = await api.post('/token', 'grant_type=client_credentials', {
      auth: { username: 'mot-cua', password: 'mot-cua-dev-secret' },
    });
    headers = { authorization: `Bearer ${token.data.access_token}`, 'content-type': 'application/json' };
    const directory = (await api.get('/api/v1/services', { headers })).data as {
      services: Array<{ id: string; operations: Array<{ id: string; example?: unknown }> }>;
    };
    example = directory.services.find((s) => s.id === 'emc-giam-sat')!.operations.find((o) => o.id === 'ghi-nhan-su-kien')!.example;
  }, 60_000);

  afterAll(async () => {
    await roles?.close();
    await mocks?.close();
    await sentinel?.stop();
    for (const r of [a, b]) {
      if (!r) continue;
      const c = new Redis(r.url);
      await c.replicaof('NO', 'ONE');
      await deleteKeys(c, prefix);
      c.disconnect();
      await r.dispose();
    }
  });

  const submit = (key: string) =>
    api.post('/api/v1/services/emc-giam-sat/ghi-nhan-su-kien', example, { headers: { ...headers, 'idempotency-key': key } });

  /** Polls the jobs as their owner until every one is completed. */
  const allDelivered = async (jobIds: readonly string[], timeoutMs: number): Promise<void> => {
    let states: Array<string | undefined> = [];
    await waitUntil(
      'every job is delivered',
      async () => {
        states = await Promise.all(
          jobIds.map(
            async (id) => ((await api.get(`/api/v1/jobs/${encodeURIComponent(id)}`, { headers })).data as { status?: string }).status,
          ),
        );
        return states.every((st) => st === 'completed') ? true : undefined;
      },
      { timeoutMs, intervalMs: 300, describe: () => states.join(',') },
    );
  };

  /** What reached the provider (the mock's journal of the connection). */
  const providerJournal = async (): Promise<{ items: Array<{ idempotencyKey: string | null }> }> =>
    (await axios.get(`${mocks.ngspUrl}/__mock/journal`, { params: { serviceId: 'emc-giam-sat' } })).data;

  test('a gateway given only REDIS_SENTINELS finds the master through the Sentinel and delivers async requests once', async () => {
    const accepted = await Promise.all([1, 2, 3, 4, 5].map((i) => submit(`sentinel-${i}`)));
    expect(accepted.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const jobIds = accepted.map((r) => String(r.data.jobId));
    await allDelivered(jobIds, 30_000);
    const journal = await providerJournal();
    const keys = journal.items.map((i) => i.idempotencyKey).filter((k): k is string => Boolean(k?.startsWith('sentinel-')));
    expect(keys.sort()).toEqual([1, 2, 3, 4, 5].map((i) => `sentinel-${i}`));
    // The queue is on the master the Sentinel named (and its replica), nowhere else.
    const master = new Redis(a.url);
    expect((await master.keys(`${queueKey(prefix, 'emc-giam-sat')}:*`)).length).toBeGreaterThan(0);
    master.disconnect();
  }, 60_000);

  test('requests acknowledged before and after a Sentinel failover are each delivered once; the gateway moves to the promoted master', async () => {
    const before = await Promise.all([1, 2, 3].map((i) => submit(`failover-before-${i}`)));
    expect(before.map((r) => r.status)).toEqual([202, 202, 202]);
    const s = new Redis(sentinel.port, '127.0.0.1');
    try {
      await s.call('SENTINEL', 'FAILOVER', 'lgspmaster');
      await waitUntil(
        'the Sentinel names the replica as master',
        async () =>
          ((await s.call('SENTINEL', 'get-master-addr-by-name', 'lgspmaster')) as string[])[1] === String(b.port) ? true : undefined,
        { timeoutMs: 20_000 },
      );
    } finally {
      s.disconnect();
    }
    // A submit while the gateway reconnects may be refused 503 (typed); it is sent again, as a caller would.
    const promoted = new Redis(b.url);
    const after: string[] = [];
    try {
      // Until it hears +switch-master a client still writes to the old master, which Sentinel demotes
      // seconds later, discarding those writes: asynchronous replication's window (README, ADR 19).
      await waitUntil(
        'the gateway has moved to the promoted master',
        async () => ((roles.core.redis as Redis).stream?.remotePort === b.port ? true : undefined),
        { timeoutMs: 20_000 },
      );
      for (let i = 1; i <= 3; i++) {
        let res = await submit(`failover-after-${i}`);
        await waitUntil(
          `submit ${i} after the failover is accepted`,
          async () => {
            if (res.status === 202) return true;
            expect(res.status).toBe(503);
            res = await submit(`failover-after-${i}`);
            return res.status === 202 ? true : undefined;
          },
          { timeoutMs: 20_000, intervalMs: 300 },
        );
        after.push(String(res.data.jobId));
        // Acknowledged on the promoted master, not on the old one about to be demoted.
        expect(await promoted.exists(`${queueKey(prefix, 'emc-giam-sat')}:${res.data.jobId}`)).toBe(1);
      }
    } finally {
      promoted.disconnect();
    }
    const jobIds = [...before.map((r) => String(r.data.jobId)), ...after];
    await allDelivered(jobIds, 60_000);
    const journal = await providerJournal();
    const keys = journal.items.map((i) => i.idempotencyKey).filter((k): k is string => Boolean(k?.startsWith('failover-')));
    expect(keys.sort()).toEqual([1, 2, 3].flatMap((i) => [`failover-after-${i}`, `failover-before-${i}`]).sort());
  }, 120_000);
});
