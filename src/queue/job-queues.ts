import { Queue, type Job } from 'bullmq';
import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { queuePrefix } from '../infra/redis-keys';
import type { JobRequest, JobSubmitter } from '../runtime/job-submitter';
import type { QueueSettings } from '../config/schema';
import type { BodyDigest } from '../limits/quota-body-digest';
import type { QuotaLedger } from '../limits/quota-ledger';
import type { MemoryAdmission } from '../limits/quota-memory-admission';
import type { JobDataCipher } from './job-data-cipher';
import { StoredInputs } from './stored-input';
import { mayExceedChars } from '../util/json-pieces';
import { deliveryJobId, isSealedJobResult, jobBinding, serviceOfJobId, type DeliveryJobData } from './delivery-job';
import { briefly } from '../util/log-error';

/** What a submit must pass before its job is added (issue 12): RedisClient memory, the consumer's quotas, the idempotency record. */
export interface SubmitLimits {
  admission: Pick<MemoryAdmission, 'admit'>;
  ledger: Pick<QuotaLedger, 'reserve' | 'undo'>;
  digest: Pick<BodyDigest, 'of'>;
}

export interface DeadLetter {
  jobId: string;
  operationId: string;
  consumer: string;
  requestId: string;
  attempts: number;
  failedAt: string;
  error?: { type: string; message: string; providerCode?: string };
}

/** Inputs whose JSON may be longer are kept beside their job (config `queue.storeInputAboveChars`). */
export const DEFAULT_STORE_INPUT_ABOVE_CHARS = 64 * 1024;

/** At most this many ids of each kind are listed in a replay's answer (the counts are exact). */
export const REPLAY_IDS_LISTED = 10_000;

/** What a replay did: exact counts, and the ids (the first `REPLAY_IDS_LISTED` of each kind). */
export interface ReplayResult {
  replayed: string[];
  notFound: string[];
  replayedCount: number;
  notFoundCount: number;
}

export interface JobView {
  jobId: string;
  serviceId: string;
  operationId: string;
  status: 'queued' | 'active' | 'retrying' | 'completed' | 'failed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  result?: unknown;
  error?: { type: string; message: string; providerCode?: string };
}

/**
 * One BullMQ queue per connection, on the request-path Redis connection (no offline queue),
 * so a submit while Redis is away fails at once with QueueUnavailable instead of hanging.
 */
export class JobQueues implements JobSubmitter {
  private readonly queues = new Map<string, Queue<DeliveryJobData>>();
  private readonly storedInputs: StoredInputs;
  /** Charges of submits that timed out, waiting to be settled (settleLater). */
  private readonly unsettled = new Set<NodeJS.Timeout>();

  constructor(
    private readonly catalog: Catalog,
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly settings: Pick<QueueSettings, 'keepCompleted' | 'keepFailed'> & {
      replayBatchSize?: number;
      storeInputAboveChars?: number;
    },
    private readonly cipher: JobDataCipher,
    private readonly logger: Logger,
    private readonly limits?: SubmitLimits,
  ) {
    this.storedInputs = new StoredInputs(redis);
  }

  /**
   * Queues are made on first use once Redis is up: BullMQ reads the server's version when a
   * queue is built, and without an offline queue that read fails for good if Redis is not ready.
   */
  queue(serviceId: string): Queue<DeliveryJobData> | undefined {
    const existing = this.queues.get(serviceId);
    if (existing) return existing;
    if (!this.catalog.listConnections().some((c) => c.id === serviceId)) return undefined;
    if (this.redis.status !== 'ready')
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue is not reachable now; try again later', {
        retryAfterSeconds: 5,
      });
    const queue = new Queue<DeliveryJobData>(serviceId, { connection: this.redis, prefix: queuePrefix(this.keyPrefix, serviceId) });
    // Without a listener BullMQ prints every connection error to stderr; the connection itself already warns once per error.
    queue.on('error', (err) => this.logger.debug({ serviceId, ...briefly(err) }, 'queue error'));
    this.queues.set(serviceId, queue);
    return queue;
  }

  async submit(request: JobRequest) {
    const { op } = request;
    // Before anything touches Redis: a full Redis must leave room for the log and callbacks.
    await this.limits?.admission.admit();
    const queue = this.queue(op.connection.id)!;
    const jobId = deliveryJobId(op.connection.id, op.config.id, request.consumer, request.idempotencyKey);
    const binding = jobBinding(jobId, { consumer: request.consumer, operationId: op.config.id });
    // The id is ours, made before the add: the seal is bound to this job at no extra round trip.
    // A large input is sealed in slices and kept beside the job (see stored-input.ts).
    const large = mayExceedChars(request.input, this.settings.storeInputAboveChars ?? DEFAULT_STORE_INPUT_ABOVE_CHARS);
    const sealedBytes = large ? await this.cipher.sealInTurns(request.input, binding, 'input') : undefined;
    const data: DeliveryJobData = {
      operationId: op.config.id,
      consumer: request.consumer,
      requestId: request.requestId,
      idempotencyKey: request.idempotencyKey ?? null,
      ...(sealedBytes
        ? { storedInput: { bytes: sealedBytes.length } }
        : { sealedInput: this.cipher.seal(request.input, binding, 'input') }),
      receivedAt: new Date().toISOString(),
    };
    // One script: rate, waiting jobs, bytes and the idempotency record (422 on another body).
    let charge: 'new' | 'same' = 'new';
    if (this.limits) {
      try {
        charge = await this.limits.ledger.reserve({
          consumer: request.consumer,
          serviceId: op.connection.id,
          jobId,
          // Sealed text is base64 (one byte a character); sealed bytes are counted as they are.
          bytes: sealedBytes?.length ?? data.sealedInput?.length ?? 0,
          ...(request.idempotencyKey ? { digest: await this.limits.digest.of(request.input) } : {}),
        });
      } catch (err) {
        // A refusal (quota, key reuse: typed) is an answer; a timeout is not: the charge may still run once Redis answers.
        if (!isGatewayError(err) || err.type === 'Server.Gateway.QueueUnavailable') this.settleLater(jobId, queue);
        throw err;
      }
    }
    try {
      const existing = request.idempotencyKey && (charge === 'same' || !this.limits) ? await queue.getJob(jobId) : undefined;
      if (existing) return { jobId, status: toStatus(await existing.getState(), existing.attemptsMade), created: false };
      // Written before the job exists, so no worker can take a job whose input is not there yet.
      if (sealedBytes) await this.storedInputs.put(queue.toKey(jobId), sealedBytes);
      // A repeat whose first submit has not added its job yet (or never did) adds it: BullMQ keeps one job per id.
      await queue.add(op.config.id, data, {
        jobId,
        attempts: op.connection.retry.attempts,
        backoff: { type: 'capped-exponential' },
        // Trimmed by age and count, or Redis keeps finished jobs forever.
        removeOnComplete: { age: this.settings.keepCompleted.ageSeconds, count: this.settings.keepCompleted.count },
        removeOnFail: { age: this.settings.keepFailed.ageSeconds, count: this.settings.keepFailed.count },
      });
    } catch (err) {
      if (charge === 'new') {
        await this.limits?.ledger.undo(jobId).catch(() => undefined);
        if (sealedBytes) await this.storedInputs.drop(queue.toKey(jobId)).catch(() => undefined);
      }
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot take the request now; try again later', {
        cause: err,
        retryAfterSeconds: 5,
      });
    }
    return { jobId, status: 'queued', created: charge === 'new' };
  }

  /** A job as its owner sees it; another caller's job does not exist for them. */
  async view(jobId: string, consumer: string): Promise<JobView> {
    let job;
    let state;
    try {
      const queue = this.queue(serviceOfJobId(jobId));
      // The state first: a job read before it completes would show `completed` without its result.
      state = queue ? await queue.getJobState(jobId) : undefined;
      job = queue ? await queue.getJob(jobId) : undefined;
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot be read now; try again later', {
        cause: err,
        retryAfterSeconds: 5,
      });
    }
    if (!job || job.data.consumer !== consumer) throw new GatewayError('Client.UnknownJob', `No job '${jobId}' for this caller`);
    const status = toStatus(state ?? 'unknown', job.attemptsMade);
    // attemptsMade skips an attempt that ended the job as unrecoverable, and attemptsStarted
    // also counts jobs put back while the breaker was open: the worker records the real count.
    const attempts = status === 'active' ? job.attemptsMade + 1 : Math.max(job.attemptsMade, job.data.lastError?.attempt ?? 0);
    return {
      jobId,
      serviceId: serviceOfJobId(jobId),
      operationId: job.data.operationId,
      status,
      attempts,
      createdAt: new Date(job.timestamp).toISOString(),
      updatedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
      ...(status === 'completed' ? { result: this.openResult(jobId, job.data, job.returnvalue) } : {}),
      ...(job.data.lastError && status !== 'completed' ? { error: publicError(job.data.lastError) } : {}),
    };
  }

  /** A result stored before results were sealed is shown as it is; a sealed one that does not open is the gateway's fault. */
  private openResult(jobId: string, data: DeliveryJobData, stored: unknown): unknown {
    if (!isSealedJobResult(stored)) return stored;
    try {
      return this.cipher.open(stored.sealedResult, jobBinding(jobId, data), 'result');
    } catch (err) {
      this.logger.error({ jobId, err }, 'a job result cannot be opened');
      throw new GatewayError('Server.Gateway.Internal', 'The job result cannot be read', { cause: err });
    }
  }

  /** How many of a connection's jobs are in each state; failed jobs are its dead letters. */
  async counts(serviceId: string): Promise<{ waiting: number; active: number; delayed: number; failed: number; deadLetters: number }> {
    const c = await this.knownQueue(serviceId).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    const failed = c['failed'] ?? 0;
    return {
      waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0),
      active: c['active'] ?? 0,
      delayed: c['delayed'] ?? 0,
      failed,
      deadLetters: failed,
    };
  }

  /** Failed jobs of a connection (dead letters), newest first. */
  async deadLetters(serviceId: string, limit = 100): Promise<{ total: number; items: DeadLetter[] }> {
    const queue = this.knownQueue(serviceId);
    const [total, jobs] = await Promise.all([queue.getFailedCount(), queue.getFailed(0, limit - 1)]);
    return {
      total,
      items: jobs.map((job) => ({
        jobId: job.id ?? '',
        operationId: job.data.operationId,
        consumer: job.data.consumer,
        requestId: job.data.requestId,
        attempts: Math.max(job.attemptsMade, job.data.lastError?.attempt ?? 0),
        failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
        ...(job.data.lastError ? { error: publicError(job.data.lastError) } : {}),
      })),
    };
  }

  /**
   * Puts dead letters back on the queue with fresh attempts: the selected ids, or all of the
   * connection's. Ids that are not dead letters of this connection are reported, not retried.
   * Works `replayBatchSize` jobs at a time, so "all" of 50,000 dead letters never sits in memory
   * at once; the answer lists at most `REPLAY_IDS_LISTED` ids of each kind beside the counts.
   */
  async replay(serviceId: string, jobIds?: readonly string[]): Promise<ReplayResult> {
    const queue = this.knownQueue(serviceId);
    const batchSize = this.settings.replayBatchSize ?? 500;
    const result: ReplayResult = { replayed: [], notFound: [], replayedCount: 0, notFoundCount: 0 };
    const note = (kind: 'replayed' | 'notFound', id: string): void => {
      result[`${kind}Count`] += 1;
      if (result[kind].length < REPLAY_IDS_LISTED) result[kind].push(id);
    };
    const replayOne = async (id: string, job: Job<DeliveryJobData> | undefined): Promise<void> => {
      if (job && (await job.isFailed())) {
        await job.updateData({ ...job.data, lastError: undefined } as DeliveryJobData);
        // A dead letter's stored input was given an expiry; a replayed job needs it until delivered.
        if (job.data.storedInput) await this.storedInputs.keep(queue.toKey(id));
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        note('replayed', id);
      } else note('notFound', id);
    };
    if (jobIds) {
      for (let i = 0; i < jobIds.length; i += batchSize) {
        const batch = jobIds.slice(i, i + batchSize);
        const jobs = await Promise.all(batch.map(async (id) => ({ id, job: await queue.getJob(id) })));
        for (const { id, job } of jobs) await replayOne(id, job);
      }
      return result;
    }
    // Replayed jobs leave the failed set, so each round reads from its head again; a job that
    // fails again during this request is not replayed twice, and `skip` steps over jobs left behind.
    const seen = new Set<string>();
    let skip = 0;
    for (let left = await queue.getFailedCount(); left > 0;) {
      const jobs = (await queue.getFailed(skip, skip + Math.min(batchSize, left) - 1)).filter((job) => job.id && !seen.has(job.id));
      if (jobs.length === 0) break;
      for (const job of jobs) {
        seen.add(job.id ?? '');
        await replayOne(job.id ?? '', job);
        left -= 1;
      }
      skip = result.notFoundCount;
    }
    return result;
  }

  private knownQueue(serviceId: string): Queue<DeliveryJobData> {
    try {
      const queue = this.queue(serviceId);
      if (queue) return queue;
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot be read now; try again later', {
        cause: err,
        retryAfterSeconds: 5,
      });
    }
    throw new GatewayError('Client.UnknownService', `No service '${serviceId}' in the directory`);
  }

  /**
   * A submit whose quota charge timed out (a Redis that hangs) answered 503 and added no job, but
   * the charge may run once Redis wakes: it would count a waiting job that does not exist until
   * someone noticed. Once Redis answers, the charge of a job that was never added is given back
   * (a charge that never ran gives nothing back: the release is idempotent).
   */
  private settleLater(jobId: string, queue: Queue<DeliveryJobData>, attempt = 0): void {
    const timer = setTimeout(() => {
      this.unsettled.delete(timer);
      void (async () => {
        if (!(await queue.getJob(jobId))) await this.limits?.ledger.undo(jobId);
      })().catch((err: unknown) => {
        if (attempt < SETTLE_ATTEMPTS) this.settleLater(jobId, queue, attempt + 1);
        else this.logger.warn({ jobId, err }, 'a quota charge whose submit timed out could not be settled');
      });
    }, SETTLE_DELAY_MS);
    timer.unref();
    this.unsettled.add(timer);
  }

  async close(): Promise<void> {
    for (const timer of this.unsettled) clearTimeout(timer);
    this.unsettled.clear();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/** A timed-out charge is settled this long after, retried for about five minutes while Redis stays away. */
const SETTLE_DELAY_MS = 2000;
const SETTLE_ATTEMPTS = 150;

function toStatus(state: string, attemptsMade: number): JobView['status'] {
  if (state === 'active') return 'active';
  if (state === 'completed') return 'completed';
  if (state === 'failed') return 'failed';
  return attemptsMade > 0 ? 'retrying' : 'queued';
}

function publicError({
  attempt: _attempt,
  ...error
}: NonNullable<DeliveryJobData['lastError']>): Omit<NonNullable<DeliveryJobData['lastError']>, 'attempt'> {
  return error;
}
