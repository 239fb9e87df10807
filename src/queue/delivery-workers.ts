import { ErrorCode, UnrecoverableError, Worker, type Job, type Processor, type Span, type WorkerOptions } from 'bullmq';
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

/**
 * Writes a job's data only while the token holds the job's lock, in one step. BullMQ's
 * updateData does not check the lock: a worker starved past its lock would write into a job
 * that another worker took over and perhaps ended. KEYS: the job's hash, its lock.
 */
const WRITE_DATA_IF_LOCKED = `if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2])
return 1`;

/** BullMQ refuses a finish with these codes when the job's lock is gone or another worker's. */
const LOCK_LOST_CODES: ReadonlySet<unknown> = new Set([ErrorCode.JobLockNotExist, ErrorCode.JobLockMismatch]);
const lockLost = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && LOCK_LOST_CODES.has((err as { code?: unknown }).code);

/** One attempt's notice: a job may have a stale attempt and a current one in one process, each with its own lock token. */
const attemptKey = (jobId: string | undefined, token: string | undefined): string => `${jobId ?? ''}\n${token ?? ''}`;

/** A delivery queue's worker that says when BullMQ refused to store a job's end because this worker's lock on it was lost. */
class DeliveryWorker extends Worker<DeliveryJobData> {
  constructor(
    name: string,
    processor: Processor<DeliveryJobData>,
    opts: WorkerOptions,
    private readonly onLockLost: (job: Job<DeliveryJobData>, token: string) => void,
  ) {
    super(name, processor, opts);
  }

  protected override handleCompleted(
    result: unknown,
    job: Job<DeliveryJobData>,
    token: string,
    fetchNextCallback?: () => boolean,
    span?: Span,
  ): Promise<Job<DeliveryJobData>> {
    return this.noticingLockLoss(job, token, () => super.handleCompleted(result, job, token, fetchNextCallback, span));
  }

  protected override handleFailed(
    err: Error,
    job: Job<DeliveryJobData>,
    token: string,
    fetchNextCallback?: () => boolean,
    span?: Span,
  ): Promise<Job<DeliveryJobData>> {
    return this.noticingLockLoss(job, token, () => super.handleFailed(err, job, token, fetchNextCallback, span));
  }

  /** Runs BullMQ's storing of an end; when it is refused for a lost lock, says so before rethrowing. */
  private async noticingLockLoss<T>(job: Job<DeliveryJobData>, token: string, end: () => Promise<T>): Promise<T> {
    try {
      return await end();
    } catch (err) {
      if (lockLost(err)) this.onLockLost(job, token);
      throw err;
    }
  }
}

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
  /** Notices made durable by jobs still ending (per attempt), sent once BullMQ has stored the outcome. */
  private readonly toAnnounce = new Map<string, { pending: PendingCallback; at: number }>();
  private readonly storedInputs: StoredInputs;

  constructor(private readonly deps: DeliveryWorkersDeps) {
    this.storedInputs = new StoredInputs(deps.connection);
    for (const connection of deps.catalog.listConnections()) {
      const worker: Worker<DeliveryJobData> = new DeliveryWorker(
        connection.id,
        (job, token) => this.deliver(job, token ?? '', worker),
        {
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
        },
        (job, token) => this.endRefused(job, token),
      );
      worker.on('error', (err) => deps.logger.warn({ serviceId: connection.id, err }, 'worker error'));
      // The job's outcome is stored by now, so a consumer that reads the job on its callback finds it ended.
      worker.on('completed', (job) => {
        this.sendNotice(job);
        // Stored by now as completed: its input is not needed again (replays are of dead letters only).
        if (job.data.storedInput)
          this.storedInputs
            .drop(this.jobKey(job))
            .catch((err: Error) => deps.logger.warn({ jobId: job.id, err }, "a delivered job's stored input could not be deleted"));
      });
      worker.on('failed', (job) => this.sendNotice(job));
      this.workers.push(worker);
    }
  }

  private async deliver(job: Job<DeliveryJobData>, token: string, worker: Worker<DeliveryJobData>): Promise<unknown> {
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
      await this.announce(job, token, 'completed');
      return stored;
    } catch (err) {
      if (isGatewayError(err) && err.type === 'Server.Gateway.CircuitOpen') return this.pause(worker, serviceId);
      const error = isGatewayError(err) ? err : new GatewayError('Server.Gateway.Internal', 'The delivery failed', { cause: err });
      const error_ = { type: error.type, message: error.message, ...(error.providerCode ? { providerCode: error.providerCode } : {}) };
      // Another worker holds or ended the job: this stale attempt leaves no trace in it, and BullMQ refuses its end.
      if (!(await this.recordError(job, token, { ...error_, attempt: job.attemptsMade + 1 }))) throw error;
      const final = !error.retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final && job.data.storedInput) await this.expireStoredInput(job);
      if (final) await this.announce(job, token, 'failed', error_);
      if (!error.retryable) throw new UnrecoverableError(`${error.type}: ${error.message}`);
      throw error;
    }
  }

  /** Stores the attempt's error in the job's data if this attempt still holds the job's lock; false if it does not. */
  private async recordError(job: Job<DeliveryJobData>, token: string, lastError: DeliveryJobData['lastError']): Promise<boolean> {
    const data: DeliveryJobData = { ...job.data, lastError };
    const key = this.jobKey(job);
    // BullMQ names a job's lock `<job key>:lock`; it shares the job's hash tag, so one script may touch both.
    const written = await this.deps.connection.eval(WRITE_DATA_IF_LOCKED, 2, key, `${key}:lock`, token, JSON.stringify(data));
    if (written !== 1) return false;
    job.data = data;
    return true;
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

  private async announce(
    job: Job<DeliveryJobData>,
    token: string,
    outcome: CallbackNotice['outcome'],
    error?: CallbackNotice['error'],
  ): Promise<void> {
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
      if (pending) this.remember(attemptKey(jobId, token), pending);
    } catch (err) {
      // The delivery itself succeeded or failed for good; a lost notice must not undo that.
      this.deps.logger.warn({ jobId, err }, 'callback could not be queued');
    }
  }

  private remember(attempt: string, pending: PendingCallback): void {
    const now = Date.now();
    // A job whose end BullMQ never stored (Redis went away) leaves its notice to the outbox relay.
    for (const [id, entry] of this.toAnnounce) {
      if (now - entry.at < this.deps.callbacks.retryAfterMs) break;
      this.toAnnounce.delete(id);
    }
    this.toAnnounce.set(attempt, { pending, at: now });
  }

  private sendNotice(job: Job<DeliveryJobData> | undefined): void {
    const attempt = attemptKey(job?.id, job?.token);
    const entry = this.toAnnounce.get(attempt);
    if (!entry) return;
    this.toAnnounce.delete(attempt);
    this.deps.callbacks.send(entry.pending);
  }

  /**
   * BullMQ refused to store the job's end: this worker lost its lock (its loop was starved past
   * it) and another worker took the job over. A notice this attempt put in the outbox must not
   * go out beside that worker's with stale fields (ADR 0006): it is withdrawn.
   */
  private endRefused(job: Job<DeliveryJobData>, token: string): void {
    const attempt = attemptKey(job.id, token);
    const entry = this.toAnnounce.get(attempt);
    if (!entry) return;
    this.toAnnounce.delete(attempt);
    const log = { jobId: job.id, serviceId: job.queueName, outcome: entry.pending.callback.notice.outcome };
    this.deps.connection.zrem(this.deps.callbacks.outboxKey, entry.pending.entry).then(
      () => this.deps.logger.info(log, "the job's lock was lost before its end was stored; its notice is withdrawn"),
      (err: Error) => this.deps.logger.warn({ ...log, err }, "a stale attempt's notice stays in the outbox; it is sent when due"),
    );
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
