import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { queuePrefix } from '../../src/infra/redis-keys';
import { deleteKeys, testPrefix } from './redis-prefix';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

/** Mocks, the gateway's parts (to submit jobs) and one connection's queue, for tests that run worker processes. */
export interface WorkerHarness {
  mocks: RunningMocks;
  parts: GatewayParts;
  queue: Queue;
  /** Starts `src/main/worker.ts` on this harness's mocks and prefix; stopped by close(). */
  spawnWorker(): WorkerProcess;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startWorkerHarness(name: string, serviceId: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<WorkerHarness> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  const prefix = testPrefix(name);
  const env = { NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix, ...extraEnv };
  const parts = composeGateway({ env: { ...process.env, ...env } });
  if (!(await parts.redisReady())) throw new Error('Redis did not answer');
  const redis = new Redis(parts.config.settings.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(serviceId, { connection: redis, prefix: queuePrefix(prefix, serviceId) });
  const processes: WorkerProcess[] = [];
  return {
    mocks,
    parts,
    queue,
    spawnWorker() {
      const proc = startWorkerProcess(env);
      processes.push(proc);
      return proc;
    },
    counts: () => queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'completed', 'failed'),
    async close() {
      for (const proc of processes) await proc.stop();
      await queue.close();
      await parts.close();
      await mocks.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
    },
  };
}
