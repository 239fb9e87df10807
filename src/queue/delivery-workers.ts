import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog';
import { isGatewayError } from '../errors/gateway-error';
import type { OperationInvoker } from '../runtime/operation-invoker';
import { queuePrefix, type DeliveryJobData } from './delivery-job';

/** Exponential backoff with jitter, capped, and never sooner than the provider's Retry-After. */
export function backoffDelay(attemptsMade: number, retry: { backoffMs: number; maxBackoffMs: number }, retryAfterSeconds?: number, random = Math.random): number {
  const base = Math.min(retry.maxBackoffMs, retry.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(base / 2 + random() * (base / 2));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/**
 * Workers for every connection's queue: each job is one delivery through the same invoker
 * as sync calls. A failure that trying again cannot cure ends the job at once; the others
 * are retried with backoff until the connection's attempts are spent.
 */
export class DeliveryWorkers {
  private readonly workers: Worker<DeliveryJobData>[] = [];
  private readonly connection: Redis;

  constructor(
    private readonly deps: { catalog: Catalog; invoker: OperationInvoker; logger: Logger; redisUrl: string; keyPrefix: string },
  ) {
    // Workers block on Redis: they need maxRetriesPerRequest null (BullMQ's requirement).
    this.connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (err) => deps.logger.warn({ err: { message: err.message } }, 'worker redis connection error'));
    for (const connection of deps.catalog.listConnections()) {
      const worker = new Worker<DeliveryJobData>(connection.id, (job) => this.deliver(job), {
        connection: this.connection,
        prefix: queuePrefix(deps.keyPrefix),
        concurrency: connection.concurrency,
        settings: { backoffStrategy: (attemptsMade, _type, err) => backoffDelay(attemptsMade, connection.retry, isGatewayError(err) ? err.retryAfterSeconds : undefined) },
      });
      worker.on('error', (err) => deps.logger.warn({ serviceId: connection.id, err: { message: err.message } }, 'worker error'));
      this.workers.push(worker);
    }
  }

  private async deliver(job: Job<DeliveryJobData>): Promise<unknown> {
    const serviceId = job.queueName;
    const op = this.deps.catalog.getOperation(serviceId, job.data.operationId);
    try {
      const result = await this.deps.invoker.invoke({
        op,
        input: job.data.input,
        consumer: job.data.consumer,
        mode: 'async',
        requestId: job.data.requestId,
        jobId: job.id ?? null,
        attempt: job.attemptsMade + 1,
        // Providers dedupe on this key: a redelivered job must not do the work twice.
        idempotencyKey: job.data.idempotencyKey ?? job.id ?? job.data.requestId,
        receivedAt: new Date(job.data.receivedAt),
      });
      return result.data;
    } catch (err) {
      if (!isGatewayError(err)) throw err;
      await job.updateData({ ...job.data, lastError: { type: err.type, message: err.message, ...(err.providerCode ? { providerCode: err.providerCode } : {}) } });
      if (!err.retryable) throw new UnrecoverableError(`${err.type}: ${err.message}`);
      throw err;
    }
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Stops taking jobs and waits for running ones, up to the deadline. */
  async close(deadlineMs = 10_000): Promise<void> {
    const closed = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), deadlineMs).unref());
    // worker.close() has no deadline of its own: past ours, running jobs are abandoned (they come back as stalled).
    if (!(await Promise.race([closed, deadline]))) await Promise.all(this.workers.map((w) => w.close(true)));
    this.connection.disconnect();
  }
}
