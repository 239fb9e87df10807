import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors/gateway-error';

/**
 * Refuses at once a request whose Content-Length is over the largest body any route accepts.
 * body-parser answers its own 413 only after the body has been read to the end, so a client
 * announcing 1 GB and sending nothing held the request open until the request timeout.
 */
export function declaredLengthLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.get('content-length') ?? 0);
    if (declared <= maxBytes) return next();
    // The unread body is not worth draining: the connection ends with the answer.
    res.setHeader('Connection', 'close');
    throw new GatewayError(
      'Client.PayloadTooLarge',
      `The request body (${declared} bytes announced) is larger than any endpoint accepts (${maxBytes})`,
    );
  };
}
