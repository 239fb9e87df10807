import type { Job, Queue } from 'bullmq';
import type { RedisClient } from '../infra/redis-connection';
import { isSealedJobResult, jobBinding, type DeliveryJobData, type SealedJobResult } from './delivery-job';
import type { JobDataCipher } from './job-data-cipher';
import { StoredInputs } from './stored-input';

/** Jobs whose input a worker will still open: they wait, wait for a retry, or wait for a replay. */
const INPUT_STATES = ['waiting', 'prioritized', 'delayed', 'failed'] as const;
const BATCH = 500;

/** What one pass did; a pass is idempotent, and the next one re-seals what this one could not. */
export interface ResealReport {
  keyId: string;
  /** Blobs now sealed under the current key (inputs of waiting, delayed, prioritized and failed jobs; results of completed ones). */
  resealed: number;
  /** Results of completed jobs stored in clear before results were sealed, sealed now. */
  sealedClearResults: number;
  alreadyCurrent: number;
  /** The job changed between the read and the write (a worker took it, it ended): the next pass sees it again. */
  changedMeanwhile: number;
  /** Jobs a worker holds now: their input is left alone; they end completed (sealed anew) or come back to a later pass. */
  active: number;
  /** Blobs no key of the ring opens (moved, tampered, or their key left the ring): a person must look. */
  unreadable: Array<{ jobId: string; reason: string }>;
}

/**
 * Replaces one JSON fragment of a job hash field, only if it is still there: a worker may have
 * updated the job (its last error) since it was read, and that update must not be lost.
 */
const REPLACE_IN_FIELD = `
local value = redis.call('HGET', KEYS[1], ARGV[1])
if not value then return 0 end
if ARGV[4] == 'whole' then
  if value ~= ARGV[2] then return 0 end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
local s, e = string.find(value, ARGV[2], 1, true)
if not s then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], string.sub(value, 1, s - 1) .. ARGV[3] .. string.sub(value, e + 1))
return 1
`;

type Outcome = 'resealed' | 'sealedClear' | 'current' | 'changed' | { unreadable: string };

/**
 * Re-seals queued jobs under the cipher's current key, so the previous key can leave the ring
 * without losing a job. Run it once every process seals with the new key (the new key first in
 * the ring), and again until a pass re-seals nothing.
 */
export class JobResealer {
  private readonly storedInputs: StoredInputs;

  constructor(
    private readonly queues: ReadonlyArray<Queue<DeliveryJobData>>,
    /** The queues' Redis: the guarded write is a script on one job hash. */
    private readonly redis: RedisClient,
    private readonly cipher: JobDataCipher,
  ) {
    this.storedInputs = new StoredInputs(redis);
  }

  async run(): Promise<ResealReport> {
    const report: ResealReport = {
      keyId: this.cipher.currentKeyId,
      resealed: 0,
      sealedClearResults: 0,
      alreadyCurrent: 0,
      changedMeanwhile: 0,
      active: 0,
      unreadable: [],
    };
    for (const queue of this.queues) {
      for (const state of INPUT_STATES) await this.eachJob(queue, state, report, (job) => this.resealInput(queue, job));
      await this.eachJob(queue, 'completed', report, (job) => this.resealResult(queue, job));
      report.active += await queue.getActiveCount();
    }
    return report;
  }

  private async eachJob(
    queue: Queue<DeliveryJobData>,
    state: string,
    report: ResealReport,
    reseal: (job: Job<DeliveryJobData>) => Promise<Outcome>,
  ): Promise<void> {
    for (let start = 0; ; start += BATCH) {
      const jobs = (await queue.getJobs([state as 'waiting'], start, start + BATCH - 1, true)) as Job<DeliveryJobData>[];
      for (const job of jobs) count(report, job.id ?? '', await reseal(job));
      if (jobs.length < BATCH) return;
    }
  }

  private async resealInput(queue: Queue<DeliveryJobData>, job: Job<DeliveryJobData>): Promise<Outcome> {
    if (job.data?.storedInput) return this.resealStoredInput(queue, job);
    const sealed = job.data?.sealedInput;
    if (typeof sealed !== 'string') return { unreadable: 'the job has no sealed input' };
    if (this.cipher.isCurrent(sealed)) return 'current';
    const fresh = this.tryReseal(sealed, job, 'input');
    if (typeof fresh !== 'string') return fresh;
    const replaced = await this.replaceInField(
      queue,
      job.id ?? '',
      'data',
      `"sealedInput":${JSON.stringify(sealed)}`,
      `"sealedInput":${JSON.stringify(fresh)}`,
      'part',
    );
    return replaced ? 'resealed' : 'changed';
  }

  /** A large input kept beside its job: re-sealed in slices, written back only if it is still there. */
  private async resealStoredInput(queue: Queue<DeliveryJobData>, job: Job<DeliveryJobData>): Promise<Outcome> {
    const jobKey = queue.toKey(job.id ?? '');
    const sealed = await this.storedInputs.get(jobKey);
    if (!sealed) return { unreadable: "the job's stored input is gone" };
    if (this.cipher.keyIdOfBytes(sealed) === this.cipher.currentKeyId) return 'current';
    const binding = jobBinding(job.id ?? '', job.data);
    let fresh: Buffer;
    try {
      fresh = await this.cipher.sealInTurns(await this.cipher.openInTurns(sealed, binding, 'input'), binding, 'input');
    } catch (err) {
      return { unreadable: (err as Error).message };
    }
    return (await this.storedInputs.replace(jobKey, fresh)) ? 'resealed' : 'changed';
  }

  private async resealResult(queue: Queue<DeliveryJobData>, job: Job<DeliveryJobData>): Promise<Outcome> {
    const stored: unknown = job.returnvalue;
    const binding = jobBinding(job.id ?? '', job.data);
    let fresh: SealedJobResult;
    if (isSealedJobResult(stored)) {
      if (this.cipher.isCurrent(stored.sealedResult)) return 'current';
      const sealed = this.tryReseal(stored.sealedResult, job, 'result');
      if (typeof sealed !== 'string') return sealed;
      fresh = { sealedResult: sealed };
    } else {
      // Stored in clear before results were sealed: seal it where it lies.
      fresh = { sealedResult: this.cipher.seal(stored, binding, 'result') };
    }
    const replaced = await this.replaceInField(
      queue,
      job.id ?? '',
      'returnvalue',
      JSON.stringify(stored ?? null),
      JSON.stringify(fresh),
      'whole',
    );
    if (!replaced) return 'changed';
    return isSealedJobResult(stored) ? 'resealed' : 'sealedClear';
  }

  private async replaceInField(
    queue: Queue<DeliveryJobData>,
    jobId: string,
    field: string,
    from: string,
    to: string,
    mode: 'part' | 'whole',
  ): Promise<boolean> {
    return (await this.redis.eval(REPLACE_IN_FIELD, 1, queue.toKey(jobId), field, from, to, mode)) === 1;
  }

  private tryReseal(sealed: string, job: Job<DeliveryJobData>, purpose: 'input' | 'result'): string | { unreadable: string } {
    try {
      return this.cipher.reseal(sealed, jobBinding(job.id ?? '', job.data), purpose);
    } catch (err) {
      return { unreadable: (err as Error).message };
    }
  }
}

function count(report: ResealReport, jobId: string, outcome: Outcome): void {
  if (outcome === 'resealed') report.resealed++;
  else if (outcome === 'sealedClear') report.sealedClearResults++;
  else if (outcome === 'current') report.alreadyCurrent++;
  else if (outcome === 'changed') report.changedMeanwhile++;
  else report.unreadable.push({ jobId, reason: outcome.unreadable });
}
