import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parseOperationInput } from '../../src/catalog/catalog';
import { composeGateway } from '../../src/main/compose-gateway';
import { jobKey, queueKey } from '../../src/infra/redis-keys';
import { deletePrefixKeys } from '../../src/infra/throwaway-prefix';
import { benchPrefix } from './bench-prefix';
import { sleep } from './bench-process';
import type { BenchStack } from './bench-stack';

export interface MemoryResult {
  jobs: number;
  seconds: number;
  usedBefore: number;
  usedAfter: number;
  jobHashBytes: number;
  keyBytes: Array<{ kind: string; keys: number; bytes: number }>;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
}

/** Sums MEMORY USAGE over a prefix's keys, grouped into job hashes and the queue's other keys. */
async function keyBytes(redis: Redis, prefix: string, jobKey: (key: string) => boolean): Promise<MemoryResult['keyBytes']> {
  const groups = new Map<string, { keys: number; bytes: number }>();
  const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const kind = jobKey(key) ? 'job hashes' : key.slice(prefix.length + 1);
      const group = groups.get(kind) ?? { keys: 0, bytes: 0 };
      group.keys += 1;
      group.bytes += Number(sizes[i]?.[1] ?? 0);
      groups.set(kind, group);
    });
  }
  return [...groups].map(([kind, g]) => ({ kind, ...g })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Queues `jobs` dossier syncs (the operation's example, each with its own dossier number)
 * through `JobQueues.submit` under a fresh prefix, measures Redis memory, removes them.
 */
export async function measureQueueMemory(stack: BenchStack, serviceId: string, operationId: string, jobs: number): Promise<MemoryResult> {
  const prefix = benchPrefix('queue-memory');
  const parts = composeGateway({ env: { ...process.env, ...stack.env, LGSP_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' } });
  try {
    if (!(await parts.redisReady())) throw new Error('Redis did not answer');
    const op = parts.catalog.getOperation(serviceId, operationId);
    const example = (await parseOperationInput(op, op.config.example)) as Record<string, unknown>;
    await sleep(200);
    const usedBefore = await usedMemory(stack.redis);
    const started = performance.now();
    let firstJobId = '';
    for (let i = 0; i < jobs; i += 500) {
      const batch = Array.from({ length: Math.min(500, jobs - i) }, (_, j) =>
        parts.queues.submit({
          op,
          input: { ...example, maHoSo: `H06.22-240315-${String(i + j).padStart(6, '0')}` },
          consumer: 'mot-cua',
          requestId: randomUUID(),
        }),
      );
      const submitted = await Promise.all(batch);
      firstJobId ||= submitted[0]?.jobId ?? '';
    }
    const seconds = (performance.now() - started) / 1000;
    await sleep(200);
    const usedAfter = await usedMemory(stack.redis);
    const jobKeyPrefix = `${queueKey(prefix, serviceId)}:${serviceId}.`;
    const jobHashBytes = Number(await stack.redis.memory('USAGE', jobKey(prefix, serviceId, firstJobId), 'SAMPLES', 0));
    const bytes = await keyBytes(stack.redis, prefix, (key) => key.startsWith(jobKeyPrefix));
    return { jobs, seconds, usedBefore, usedAfter, jobHashBytes, keyBytes: bytes };
  } finally {
    await parts.close();
    const removed = await deletePrefixKeys(stack.redis, prefix);
    process.stderr.write(`removed ${removed} keys of ${prefix}\n`);
  }
}
