import type { Response } from 'express';
import type { GatewayError } from '../errors/gateway-error';
import { requestIdOf } from './request-id';

/** The contract's error body: `{type, message, detail}` (+ the provider's code), never a stack. */
export function sendError(res: Response, err: GatewayError): void {
  res.status(err.status);
  res.setHeader('X-LGSP-Error', err.type);
  if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  const body: Record<string, unknown> = { type: err.type, message: err.message, detail: requestIdOf(res) };
  if (err.providerCode !== undefined) body['providerCode'] = err.providerCode;
  res.json(body);
}
