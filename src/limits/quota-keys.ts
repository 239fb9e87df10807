/**
 * Redis keys of the quotas, in one place. Every key carries the `{quota}` hash tag so the
 * scripts that touch several of them stay on one slot.
 */
export const quotaKeys = (keyPrefix: string) => ({
  /** Token bucket of one consumer and kind (`sync` or `async`): hash {tokens, ts}. */
  bucket: (consumer: string, kind: 'sync' | 'async'): string => `${keyPrefix}:{quota}:bucket:${kind}:${consumer}`,
  /** A consumer's use: hash {`w:<serviceId>`: unfinished jobs, `bytes`: their sealed input}. */
  use: (consumer: string): string => `${keyPrefix}:{quota}:use:${consumer}`,
  /** What each unfinished job was charged: hash jobId → `consumer\tserviceId\tbytes`. */
  jobs: (): string => `${keyPrefix}:{quota}:jobs`,
  /** The body digest stored with an idempotent submit. */
  idempotency: (jobId: string): string => `${keyPrefix}:{quota}:idem:${jobId}`,
  /** The use key without its consumer, for the release script. */
  usePrefix: (): string => `${keyPrefix}:{quota}:use:`,
});
