import { GatewayError } from '../errors/gateway-error';

/** The quotas a consumer can run into; the name travels in `X-LGSP-Limit` and in metrics. */
export type QuotaLimit = 'sync-rate' | 'async-rate' | 'waiting-jobs' | 'bytes-queued';

/** 429 Client.RateLimited that names the limit it hit. */
export class QuotaExceededError extends GatewayError {
  readonly limit: QuotaLimit;

  constructor(limit: QuotaLimit, message: string, retryAfterSeconds: number) {
    super('Client.RateLimited', message, { retryAfterSeconds });
    this.limit = limit;
  }
}
