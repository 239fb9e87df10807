import { z } from 'zod';

/** What a consumer is told when one of its async requests ends; the result itself is fetched from the job. */
export interface CallbackNotice {
  jobId: string;
  requestId: string;
  serviceId: string;
  operationId: string;
  outcome: 'completed' | 'failed';
  attempts: number;
  finishedAt: string;
  statusUrl: string;
  error?: { type: string; message: string; providerCode?: string };
}

/**
 * One callback waiting to be sent: whose it is and what it says. Never its URL nor its key:
 * both are looked up in the loaded config when it is sent, so a URL changed or removed in
 * config takes effect for notices already waiting, and one written into Redis is never used.
 */
export interface CallbackJobData {
  consumer: string;
  notice: CallbackNotice;
}

const noticeSchema = z.object({
  jobId: z.string().min(1),
  requestId: z.string(),
  serviceId: z.string().min(1),
  operationId: z.string().min(1),
  outcome: z.enum(['completed', 'failed']),
  attempts: z.number().int().nonnegative(),
  finishedAt: z.iso.datetime(),
  statusUrl: z.string(),
  error: z.object({ type: z.string(), message: z.string(), providerCode: z.string().optional() }).optional(),
});

// Unknown keys (a `url` written by hand, or left by an older version) are dropped, not kept.
const jobDataSchema = z.object({ consumer: z.string().min(1), notice: noticeSchema });

/** A callback read back from Redis (outbox entry or callback job), rebuilt from its known fields only; null if it is not one. */
export function readCallbackJobData(value: unknown): CallbackJobData | null {
  const parsed = jobDataSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
