import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { CallbackQueue, PendingCallback } from '../callbacks/callback-queue';
import type { CallbackNotice } from '../callbacks/callback-notice';
import type { Catalog } from '../catalog/catalog';
import type { QueueSettings } from '../config/schema';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { jobKey, queuePrefix } from '../infra/redis-keys';
import type { CircuitBreakers } from '../runtime/circuit-breakers';
import { jobStatusUrl } from '../runtime/job-status-url';
import type { OperationInvoker } from '../runtime/operation-invoker';
import { jobBinding, type DeliveryJobData, type SealedJobResult } from './delivery-job';
import { SealedDataError, type JobDataCipher } from './job-data-cipher';
import { DEAD_LETTER_INPUT_GRACE_SECONDS, StoredInputs } from './stored-input';

/** Exponential backoff with jitter, capped, and never sooner than the provider's Retry-After. */
export function backoffDelay(
  attemptsMade: number,
  retry: { backoffMs: number; maxBackoffMs: number },
  retryAfterSeconds?: number,
  random = Math.random,
): number {
  const base = Math.min(retry.maxBackoffMs, retry.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(base / 2 + random() * (base / 2));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/** Shortest pause of a connection's workers while its breaker is open. */
const MIN_PAUSE_MS = 100;

export interface DeliveryWorkersDeps {
  catalog: Catalog;
  invoker: OperationInvoker;
  breakers: CircuitBreakers;
  cipher: JobDataCipher;
  callbacks: CallbackQueue;
  logger: Logger;
  /** A connection for blocking commands: maxRetriesPerRequest null, as BullMQ requires. */
  connection: RedisClient;
  keyPrefix: string;
  settings: Pick<QueueSettings, 'lockDurationMs' | 'stalledIntervalMs' | 'shutdownDeadlineMs'> & Partial<Pick<QueueSettings, 'keepFailed'>>;
  /** Gives a finished job's quota charge back to its consumer (once, whichever worker ends it). */
  quotas?: { release(jobId: string): Promise<void> };
}

/**
 * Workers for every connection's queue: each job is one delivery through the same invoker
 * (and breaker) as sync calls. While a connection's breaker is open its workers take no job
 * and spend no attempt; a failure that trying again cannot cure ends the job at once; the
 * others are retried with backoff until the connection's attempts are spent. Each final
 * outcome is announced to the consumer's callback.
 */
export class DeliveryWorkers {
  private readonly workers: Worker<DeliveryJobData>[] = [];
  /** Notices made durable by jobs still ending, sent once BullMQ has stored the outcome. */
  private readonly toAnnounce = new Map<string, { pending: PendingCallback; at: number }>();
  private readonly storedInputs: StoredInputs;

  constructor(private readonly deps: DeliveryWorkersDeps) {
    this.storedInputs = new StoredInputs(deps.connection);
    for (const connection of deps.catalog.listConnections()) {
      const worker: Worker<DeliveryJobData> = new Worker<DeliveryJobData>(connection.id, (job) => this.deliver(job, worker), {
        connection: deps.connection,
        prefix: queuePrefix(deps.keyPrefix, connection.id),
        concurrency: connection.concurrency,
        lockDuration: deps.settings.lockDurationMs,
        stalledInterval: deps.settings.stalledIntervalMs,
        // A limiter must be set for the manual rate limit that pauses a connection; this one never binds.
        limiter: { max: 1_000_000, duration: 1000 },
        settings: {
          backoffStrategy: (attemptsMade, _type, err) =>
            backoffDelay(attemptsMade, connection.retry, isGatewayError(err) ? err.retryAfterSeconds : undefined),
        },
      });
      worker.on('error', (err) => deps.logger.warn({ serviceId: connection.id, err }, 'worker error'));
      // The job's outcome is stored by now, so a consumer that reads the job on its callback finds it ended.
      worker.on('completed', (job) => {
        this.sendNotice(job.id);
        // Stored by now as completed: its input is not needed again (replays are of dead letters only).
        if (job.data.storedInput)
          this.storedInputs
            .drop(this.jobKey(job))
            .catch((err: Error) => deps.logger.warn({ jobId: job.id, err }, "a delivered job's stored input could not be deleted"));
      });
      worker.on('failed', (job) => this.sendNotice(job?.id));
      this.workers.push(worker);
    }
  }

  private async deliver(job: Job<DeliveryJobData>, worker: Worker<DeliveryJobData>): Promise<unknown> {
    const serviceId = job.queueName;
    if (this.deps.breakers.isOpen(serviceId)) return this.pause(worker, serviceId);
    const op = this.deps.catalog.getOperation(serviceId, job.data.operationId);
    const binding = jobBinding(job.id ?? '', job.data);
    try {
      const result = await this.deps.invoker.invoke({
        op,
        input: await this.openInput(job, binding),
        consumer: job.data.consumer,
        mode: 'async',
        requestId: job.data.requestId,
        jobId: job.id ?? null,
        attempt: job.attemptsMade + 1,
        // Providers dedupe on this key: a redelivered job must not do the work twice.
        idempotencyKey: job.data.idempotencyKey ?? job.id ?? job.data.requestId,
        receivedAt: new Date(job.data.receivedAt),
      });
      // Sealed before BullMQ stores it: results are kept for a day and may hold personal data.
      const stored: SealedJobResult = { sealedResult: this.deps.cipher.seal(result.data, binding, 'result') };
      await this.announce(job, 'completed');
      return stored;
    } catch (err) {
      if (isGatewayError(err) && err.type === 'Server.Gateway.CircuitOpen') return this.pause(worker, serviceId);
      const error = isGatewayError(err) ? err : new GatewayError('Server.Gateway.Internal', 'The delivery failed', { cause: err });
      const error_ = { type: error.type, message: error.message, ...(error.providerCode ? { providerCode: error.providerCode } : {}) };
      await job.updateData({ ...job.data, lastError: { ...error_, attempt: job.attemptsMade + 1 } });
      const final = !error.retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final && job.data.storedInput) await this.expireStoredInput(job);
      if (final) await this.announce(job, 'failed', error_);
      if (!error.retryable) throw new UnrecoverableError(`${error.type}: ${error.message}`);
      throw error;
    }
  }

  /**
   * A blob that does not open (moved from another job, tampered, or its key left the ring) will
   * not open on a later attempt either: the job fails at once, typed, and a person must look.
   */
  private async openInput(job: Job<DeliveryJobData>, binding: ReturnType<typeof jobBinding>): Promise<unknown> {
    try {
      if (!job.data.storedInput) return this.deps.cipher.open(job.data.sealedInput ?? '', binding, 'input');
      const sealed = await this.storedInputs.get(this.jobKey(job));
      if (!sealed) {
        this.deps.logger.error({ jobId: job.id, serviceId: job.queueName }, "a job's stored input is gone");
        throw new GatewayError('Server.Gateway.Internal', 'The job data is no longer stored');
      }
      return await this.deps.cipher.openInTurns(sealed, binding, 'input');
    } catch (err) {
      if (!(err instanceof SealedDataError)) throw err;
      this.deps.logger.error({ jobId: job.id, serviceId: job.queueName, keyId: err.keyId, err }, 'sealed job data cannot be opened');
      throw new GatewayError('Server.Gateway.Internal', 'The job data cannot be opened', { cause: err });
    }
  }

  private jobKey(job: Job<DeliveryJobData>): string {
    return jobKey(this.deps.keyPrefix, job.queueName, job.id ?? '');
  }

  /** A dead letter's stored input outlives the job's retention by a grace period, then goes; a replay keeps it again. */
  private async expireStoredInput(job: Job<DeliveryJobData>): Promise<void> {
    const seconds = (this.deps.settings.keepFailed?.ageSeconds ?? 7 * 24 * 3600) + DEAD_LETTER_INPUT_GRACE_SECONDS;
    await this.storedInputs
      .expireIn(this.jobKey(job), seconds)
      .catch((err: Error) => this.deps.logger.warn({ jobId: job.id, err }, "a dead letter's stored input could not be given an expiry"));
  }

  /** Puts the job back without spending an attempt and pauses this connection's queue until the breaker may let a trial through. */
  private async pause(worker: Worker<DeliveryJobData>, serviceId: string): Promise<never> {
    await worker.rateLimit(Math.max(MIN_PAUSE_MS, this.deps.breakers.retryAfterMs(serviceId)));
    throw Worker.RateLimitError();
  }

  private async announce(job: Job<DeliveryJobData>, outcome: CallbackNotice['outcome'], error?: CallbackNotice['error']): Promise<void> {
    const jobId = job.id ?? '';
    // The job ends here for good: its consumer's unfinished jobs and bytes shrink, whatever the outcome.
    await this.deps.quotas
      ?.release(jobId)
      .catch((err: Error) => this.deps.logger.warn({ jobId, err }, 'quota charge could not be given back'));
    const notice: CallbackNotice = {
      jobId,
      requestId: job.data.requestId,
      serviceId: job.queueName,
      operationId: job.data.operationId,
      outcome,
      attempts: job.attemptsMade + 1,
      finishedAt: new Date().toISOString(),
      statusUrl: jobStatusUrl(jobId),
      ...(error ? { error } : {}),
    };
    try {
      const pending = await this.deps.callbacks.notify(job.data.consumer, notice);
      if (pending) this.remember(jobId, pending);
    } catch (err) {
      // The delivery itself succeeded or failed for good; a lost notice must not undo that.
      this.deps.logger.warn({ jobId, err }, 'callback could not be queued');
    }
  }

  private remember(jobId: string, pending: PendingCallback): void {
    const now = Date.now();
    // A job whose end BullMQ never stored (Redis went away) leaves its notice to the outbox relay.
    for (const [id, entry] of this.toAnnounce) {
      if (now - entry.at < this.deps.callbacks.retryAfterMs) break;
      this.toAnnounce.delete(id);
    }
    this.toAnnounce.set(jobId, { pending, at: now });
  }

  private sendNotice(jobId: string | undefined): void {
    const entry = jobId === undefined ? undefined : this.toAnnounce.get(jobId);
    if (!entry) return;
    this.toAnnounce.delete(jobId!);
    this.deps.callbacks.send(entry.pending);
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Stops taking jobs and waits for running ones up to the deadline; past it they are left to come back as stalled. */
  async close(): Promise<void> {
    const closed = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), this.deps.settings.shutdownDeadlineMs).unref());
    if (!(await Promise.race([closed, deadline]))) await Promise.all(this.workers.map((w) => w.close(true)));
  }
}
