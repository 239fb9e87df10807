/**
 * The one error base of the gateway. `type` is the contract's stable error type, `status`
 * the HTTP status it maps to, and `retryable` tells the breaker and the queue whether
 * trying again later can help (a provider that rejects the content will reject it again).
 */
export type ErrorType =
  | 'Client.BadRequest'
  | 'Client.Unauthorized'
  | 'Client.AccessDenied'
  | 'Client.UnknownService'
  | 'Client.UnknownOperation'
  | 'Client.UnknownJob'
  | 'Client.PayloadTooLarge'
  | 'Client.UnsupportedMediaType'
  | 'Client.IdempotencyKeyMismatch'
  | 'Client.RateLimited'
  | 'Server.Provider.Error'
  | 'Server.Provider.BadResponse'
  | 'Server.Provider.Unreachable'
  | 'Server.Provider.Timeout'
  | 'Server.Gateway.CircuitOpen'
  | 'Server.Gateway.ConnectionBusy'
  | 'Server.Gateway.QueueUnavailable'
  | 'Server.Gateway.Internal';

interface ErrorSpec {
  status: number;
  retryable: boolean;
}

/** The contract's error table: one place, documented in the README. */
export const ERROR_TABLE: Readonly<Record<ErrorType, ErrorSpec>> = Object.freeze({
  'Client.BadRequest': { status: 400, retryable: false },
  'Client.Unauthorized': { status: 401, retryable: false },
  'Client.AccessDenied': { status: 403, retryable: false },
  'Client.UnknownService': { status: 404, retryable: false },
  'Client.UnknownOperation': { status: 404, retryable: false },
  'Client.UnknownJob': { status: 404, retryable: false },
  'Client.PayloadTooLarge': { status: 413, retryable: false },
  'Client.UnsupportedMediaType': { status: 415, retryable: false },
  // The IETF Idempotency-Key draft: a key reused with another body is 422.
  'Client.IdempotencyKeyMismatch': { status: 422, retryable: false },
  'Client.RateLimited': { status: 429, retryable: true },
  'Server.Provider.Error': { status: 502, retryable: false },
  'Server.Provider.BadResponse': { status: 502, retryable: true },
  'Server.Provider.Unreachable': { status: 503, retryable: true },
  'Server.Provider.Timeout': { status: 504, retryable: true },
  'Server.Gateway.CircuitOpen': { status: 503, retryable: true },
  // The connection's own cap on sync calls in flight (its bulkhead): our limit, not the provider's failure.
  'Server.Gateway.ConnectionBusy': { status: 503, retryable: true },
  'Server.Gateway.QueueUnavailable': { status: 503, retryable: true },
  'Server.Gateway.Internal': { status: 500, retryable: false },
});

export interface GatewayErrorOptions {
  cause?: unknown;
  /** The provider's own error code, kept for `Server.Provider.Error`. */
  providerCode?: string;
  /** HTTP status the provider answered with, when there was one. */
  providerStatus?: number;
  /** Seconds the caller should wait (sent as `Retry-After`). */
  retryAfterSeconds?: number;
  /** Overrides the table's retryable flag (a provider's 5xx error is worth retrying). */
  retryable?: boolean;
}

export class GatewayError extends Error {
  readonly type: ErrorType;
  readonly status: number;
  readonly retryable: boolean;
  readonly providerCode?: string;
  readonly providerStatus?: number;
  readonly retryAfterSeconds?: number;

  constructor(type: ErrorType, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    const spec = ERROR_TABLE[type];
    this.type = type;
    this.status = spec.status;
    this.retryable = options.retryable ?? spec.retryable;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.providerStatus !== undefined) this.providerStatus = options.providerStatus;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof GatewayError;
}

/** Wraps anything that is not already a GatewayError as an internal error, keeping the cause. */
export function toGatewayError(err: unknown): GatewayError {
  if (isGatewayError(err)) return err;
  return new GatewayError('Server.Gateway.Internal', 'The gateway failed to handle the request', { cause: err });
}
