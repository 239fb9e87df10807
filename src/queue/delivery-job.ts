import { createHash, randomUUID } from 'node:crypto';
import type { SealBinding } from './job-data-cipher';

/** What a queued delivery carries: enough to call the provider, nothing more. */
export interface DeliveryJobData {
  operationId: string;
  consumer: string;
  requestId: string;
  idempotencyKey: string | null;
  /** The caller's input, sealed by JobDataCipher and bound to this job (see jobBinding). */
  sealedInput?: string;
  /** Instead of `sealedInput`: a large input, sealed into bytes and kept beside the job (stored-input.ts). */
  storedInput?: { bytes: number };
  receivedAt: string;
  /** The last failed attempt: which one, and how it failed. */
  lastError?: { type: string; message: string; providerCode?: string; attempt: number };
}

/**
 * Job ids carry their connection (`<serviceId>.<id>`) so a status lookup knows which queue
 * to ask. With an Idempotency-Key the id is derived from caller, operation and key, so the
 * same request gives back the same job. BullMQ ids may not contain ':' nor be all digits.
 */
export function deliveryJobId(serviceId: string, operationId: string, consumer: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return `${serviceId}.${randomUUID()}`;
  const digest = createHash('sha256').update(`${consumer}\n${operationId}\n${idempotencyKey}`).digest('hex').slice(0, 32);
  return `${serviceId}.k${digest}`;
}

/**
 * What a job's worker returns, so BullMQ stores the provider's mapped answer sealed: results
 * are kept for a day and may hold personal data. A result of another shape was stored in clear
 * before results were sealed.
 */
export interface SealedJobResult {
  sealedResult: string;
}

export function isSealedJobResult(value: unknown): value is SealedJobResult {
  return typeof value === 'object' && value !== null && typeof (value as { sealedResult?: unknown }).sealedResult === 'string';
}

/** The binding of a job's sealed input and result: the id is made before the job is added, so the submitter knows it. */
export function jobBinding(jobId: string, data: Pick<DeliveryJobData, 'consumer' | 'operationId'>): SealBinding {
  return { jobId, consumer: data.consumer, operationId: data.operationId };
}

export function serviceOfJobId(jobId: string): string {
  return jobId.split('.')[0] ?? '';
}
