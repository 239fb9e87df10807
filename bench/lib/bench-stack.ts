import axios from 'axios';
import { Redis } from 'ioredis';
import { ensureRedis, type RedisHandle } from '../../src/infra/ensure-redis';
import { deletePrefixKeys } from '../../src/infra/throwaway-prefix';
import { benchPrefix } from './bench-prefix';
import { freePort, startTsx, waitForHttp, type BenchProcess } from './bench-process';

/** Mocks and gateway (and, on demand, delivery workers), each in its own process, on a fresh key prefix. */
export interface BenchStack {
  readonly redisUrl: string;
  /** `LGSP_KEY_PREFIX` of the gateway's roles; removed by stop(). */
  readonly prefix: string;
  readonly ngspUrl: string;
  readonly provinceUrl: string;
  readonly gatewayUrl: string;
  /** A plain client for the bench's own reads and writes. */
  readonly redis: Redis;
  /** The environment the gateway's roles run with. */
  readonly env: NodeJS.ProcessEnv;
  /** Starts `src/main/worker.ts` and resolves once its workers run; `onLine` sees its pino log lines. */
  startWorkers(onLine?: (line: string) => void): Promise<BenchProcess>;
  /** A consumer's access token from the gateway (dev secret `<id>-dev-secret`). */
  consumerToken(consumer: string): Promise<string>;
  /** The gateway's own token at the mock national platform. */
  ngspToken(): Promise<string>;
  /** Process ids to watch with startCpuMeter: each role, this bench process (the load generator) and Redis. */
  cpuGroups(): Record<string, number[]>;
  /** Stops every process it started (workers, gateway, mocks), removes the prefix's keys, lets Redis go. */
  stop(): Promise<void>;
}

/** Started when its `/health` or `/__mock/faults` answers; a bench that is interrupted still cleans up. */
/**
 * Benchmarks measure the gateway past what one consumer may do in production (500 submits/s,
 * thousands waiting): the shipped quotas (100/s, burst 200) would measure the throttle instead.
 * The quota's own cost (one Lua call) is still paid. A bench that measures the throttle sets its own.
 */
const BENCH_QUOTAS: NodeJS.ProcessEnv = {
  LGSP_QUOTA_SYNC_PER_SECOND: '1000000',
  LGSP_QUOTA_SYNC_BURST: '1000000',
  LGSP_QUOTA_ASYNC_PER_SECOND: '1000000',
  LGSP_QUOTA_ASYNC_BURST: '1000000',
  LGSP_QUOTA_WAITING_JOBS: '10000000',
  LGSP_QUOTA_BYTES_QUEUED: '100000000000',
};

export async function startBenchStack(name: string, opts: { gateway?: boolean } = {}): Promise<BenchStack> {
  const redisHandle: RedisHandle = await ensureRedis({ log: (msg) => process.stderr.write(`${msg}\n`) });
  const redis = new Redis(redisHandle.url, { maxRetriesPerRequest: null });
  const redisPid = Number(/^process_id:(\d+)/m.exec(await redis.info('server'))?.[1] ?? 0);
  const prefix = benchPrefix(name);
  const [ngspPort, provincePort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const ngspUrl = `http://127.0.0.1:${ngspPort}`;
  const provinceUrl = `http://127.0.0.1:${provincePort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const env: NodeJS.ProcessEnv = {
    REDIS_URL: redisHandle.url,
    NGSP_URL: ngspUrl,
    PROVINCE_URL: provinceUrl,
    LGSP_KEY_PREFIX: prefix,
    ...BENCH_QUOTAS,
  };
  // Stopped in this order: workers and gateway before the mocks they call.
  const processes: BenchProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.removeListener('SIGINT', onInterrupt);
      for (const p of [...processes].reverse()) await p.stop();
      const removed = await deletePrefixKeys(redis, prefix);
      process.stderr.write(`removed ${removed} keys of ${prefix}\n`);
      redis.disconnect();
      await redisHandle.stop();
    })());
  const onInterrupt = (): void => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    processes.push(
      startTsx('mocks', 'mocks/main.ts', { env: { MOCK_NGSP_PORT: String(ngspPort), MOCK_PROVINCE_PORT: String(provincePort) } }),
    );
    await waitForHttp(`${ngspUrl}/__mock/faults`);
    await waitForHttp(`${provinceUrl}/__mock/faults`);
    if (opts.gateway !== false) {
      processes.push(startTsx('gateway', 'src/main/gateway.ts', { env: { ...env, PORT: String(gatewayPort) } }));
      await waitForHttp(`${gatewayUrl}/health`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    redisUrl: redisHandle.url,
    prefix,
    ngspUrl,
    provinceUrl,
    gatewayUrl,
    redis,
    env,
    async startWorkers(onLine) {
      // At info the workers say when they run; they log nothing per job at that level.
      const workers = startTsx('workers', 'src/main/worker.ts', { env: { ...env, LOG_LEVEL: 'info' }, ...(onLine ? { onLine } : {}) });
      processes.push(workers);
      await workers.waitForLine((line) => line.includes('delivery workers running'));
      return workers;
    },
    async consumerToken(consumer) {
      const res = await axios.post(`${gatewayUrl}/token`, 'grant_type=client_credentials', {
        auth: { username: consumer, password: `${consumer}-dev-secret` },
      });
      return String(res.data.access_token);
    },
    async ngspToken() {
      const res = await axios.post(`${ngspUrl}/token`, 'grant_type=client_credentials', {
        auth: { username: 'lgsp-bac-giang', password: 'lgsp-bac-giang-ngsp-secret' },
      });
      return String(res.data.access_token);
    },
    cpuGroups() {
      const groups: Record<string, number[]> = { bench: [process.pid], redis: redisPid ? [redisPid] : [] };
      for (const p of processes) if (p.child.pid !== undefined && p.child.exitCode === null) (groups[p.name] ??= []).push(p.child.pid);
      return groups;
    },
    stop,
  };
}
