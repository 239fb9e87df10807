import { GatewayError } from '../errors/gateway-error';
import type { OutboundResponse } from './http-transport';

/**
 * The provider answered with its own error. Its code and message are kept; whether trying
 * again can help follows HTTP: a 5xx or 429 may pass, a rejection of the content will not.
 */
export function providerError(res: OutboundResponse, code: string, message: string, options: { retryable?: boolean } = {}): GatewayError {
  const retryable = options.retryable ?? (res.status >= 500 || res.status === 429);
  const retryAfter = parseRetryAfter(res.headers['retry-after']);
  return new GatewayError('Server.Provider.Error', `The provider answered [${code}] ${message}`.trim(), {
    providerCode: code,
    providerStatus: res.status,
    retryable,
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
  });
}

export function badProviderAnswer(message: string, res: OutboundResponse, cause?: unknown): GatewayError {
  return new GatewayError('Server.Provider.BadResponse', message, { cause, providerStatus: res.status });
}

/** An HTTP error whose body is not the provider's own error format (a proxy page, say). */
export function httpStatusError(res: OutboundResponse): GatewayError {
  return providerError(res, `HTTP-${res.status}`, `HTTP status ${res.status}`);
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function parseJsonAnswer(res: OutboundResponse): unknown {
  try {
    return JSON.parse(res.body);
  } catch (err) {
    throw badProviderAnswer('The provider sent an answer that is not valid JSON', res, err);
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The body as JSON, or null: for error answers, whose format is not promised. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
