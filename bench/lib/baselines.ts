/**
 * The baselines `bench:queue` puts beside the gateway, run by `bench/plain-baselines.ts` as
 * their own processes: `worker` drains a queue with one axios POST per job and nothing else;
 * `enqueue` is an express server whose one route puts the JSON body on a BullMQ queue;
 * `noop` is a node:http server that answers 202 at once.
 */
export const READY = 'baseline ready';

/** The job options the gateway gives a delivery, so Redis does the same bookkeeping. */
export const GATEWAY_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 1_209_600, count: 50_000 },
};

/** What the plain worker needs; passed to its process as JSON in BENCH_PLAIN. */
export interface PlainWorkerConfig {
  redisUrl: string;
  prefix: string;
  queue: string;
  concurrency: number;
  url: string;
  ngspUrl: string;
  /** The DVCQG envelope without its `data`. */
  envelope: Record<string, unknown>;
}

/** What the plain enqueue server needs; passed as JSON in BENCH_PLAIN. */
export interface PlainEnqueueConfig {
  redisUrl: string;
  prefix: string;
  queue: string;
  port: number;
}
