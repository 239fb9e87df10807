import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Catalog, CatalogOperation } from '../catalog/catalog';
import { GatewayError } from '../errors/gateway-error';
import type { JobSubmitter } from '../http/routes/service-call-route';
import { deliveryJobId, queuePrefix, serviceOfJobId, type DeliveryJobData } from './delivery-job';

export interface JobView {
  jobId: string;
  serviceId: string;
  operationId: string;
  status: 'queued' | 'active' | 'retrying' | 'completed' | 'failed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  result?: unknown;
  error?: DeliveryJobData['lastError'];
}

/** Completed and failed jobs are trimmed by age and count, or Redis keeps them forever. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 14 * 24 * 3600, count: 50_000 };

/**
 * One BullMQ queue per connection, on the request-path Redis connection (no offline queue),
 * so a submit while Redis is away fails at once with QueueUnavailable instead of hanging.
 */
export class JobQueues implements JobSubmitter {
  private readonly queues = new Map<string, Queue<DeliveryJobData>>();

  constructor(
    private readonly catalog: Catalog,
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /**
   * Queues are made on first use once Redis is up: BullMQ reads the server's version when a
   * queue is built, and without an offline queue that read fails for good if Redis is not ready.
   */
  queue(serviceId: string): Queue<DeliveryJobData> | undefined {
    const existing = this.queues.get(serviceId);
    if (existing) return existing;
    if (!this.catalog.listConnections().some((c) => c.id === serviceId)) return undefined;
    if (this.redis.status !== 'ready') throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue is not reachable now; try again later', { retryAfterSeconds: 5 });
    const queue = new Queue<DeliveryJobData>(serviceId, { connection: this.redis, prefix: queuePrefix(this.keyPrefix) });
    this.queues.set(serviceId, queue);
    return queue;
  }

  async submit(request: { op: CatalogOperation; input: unknown; consumer: string; requestId: string; idempotencyKey?: string }) {
    const { op } = request;
    const queue = this.queue(op.connection.id)!;
    const jobId = deliveryJobId(op.connection.id, op.config.id, request.consumer, request.idempotencyKey);
    const data: DeliveryJobData = {
      operationId: op.config.id,
      consumer: request.consumer,
      requestId: request.requestId,
      idempotencyKey: request.idempotencyKey ?? null,
      input: request.input,
      receivedAt: new Date().toISOString(),
    };
    try {
      const existing = request.idempotencyKey ? await queue.getJob(jobId) : undefined;
      if (existing) return { jobId, status: toStatus(await existing.getState(), existing.attemptsMade), created: false };
      await queue.add(op.config.id, data, {
        jobId,
        attempts: op.connection.retry.attempts,
        backoff: { type: 'capped-exponential' },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      });
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot take the request now; try again later', { cause: err, retryAfterSeconds: 5 });
    }
    return { jobId, status: 'queued', created: true };
  }

  /** A job as its owner sees it; another caller's job does not exist for them. */
  async view(jobId: string, consumer: string): Promise<JobView> {
    let job;
    try {
      const queue = this.queue(serviceOfJobId(jobId));
      job = queue ? await queue.getJob(jobId) : undefined;
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot be read now; try again later', { cause: err, retryAfterSeconds: 5 });
    }
    if (!job || job.data.consumer !== consumer) throw new GatewayError('Client.UnknownJob', `No job '${jobId}' for this caller`);
    const status = toStatus(await job.getState(), job.attemptsMade);
    // attemptsMade skips an attempt that ended the job as unrecoverable; attemptsStarted counts it.
    const attempts = status === 'active' ? job.attemptsMade + 1 : Math.max(job.attemptsMade, job.attemptsStarted);
    return {
      jobId,
      serviceId: serviceOfJobId(jobId),
      operationId: job.data.operationId,
      status,
      attempts,
      createdAt: new Date(job.timestamp).toISOString(),
      updatedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
      ...(status === 'completed' ? { result: job.returnvalue } : {}),
      ...(job.data.lastError && status !== 'completed' ? { error: job.data.lastError } : {}),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

function toStatus(state: string, attemptsMade: number): JobView['status'] {
  if (state === 'active') return 'active';
  if (state === 'completed') return 'completed';
  if (state === 'failed') return 'failed';
  return attemptsMade > 0 ? 'retrying' : 'queued';
}
