import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { sendError } from './send-error';

/** body-parser's errors carry the raw body: only their type and status are read. */
function fromBodyParser(err: { type?: unknown; status?: unknown }): GatewayError | null {
  switch (err.type) {
    case 'entity.too.large':
      return new GatewayError('Client.PayloadTooLarge', 'The request body is larger than this endpoint accepts');
    case 'entity.parse.failed':
      return new GatewayError('Client.BadRequest', 'The request body could not be parsed');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new GatewayError('Client.UnsupportedMediaType', 'The request body encoding is not supported');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new GatewayError('Client.BadRequest', 'The request body was not received whole');
    default:
      // Other http-errors raised while reading a body (a gzip body that does not inflate): the caller's.
      return typeof err.status === 'number' && err.status >= 400 && err.status < 500
        ? new GatewayError('Client.BadRequest', 'The request body could not be read')
        : null;
  }
}

/** The router could not decode a path parameter (`/x/%E0%A4%A`): the caller's error, never a 500. */
const badPath = (): GatewayError => new GatewayError('Client.BadRequest', 'The request path is not valid percent-encoding');

/** The client went away while its body was read (a reset socket): nobody to answer, and not the gateway's bug. */
function clientGone(err: unknown, req: Request): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return req.socket.destroyed || code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (clientGone(err, req)) {
      logger.warn({ requestId: res.locals['requestId'], err }, 'client went away during the request');
      return void res.destroy();
    }
    const known = isGatewayError(err) ? err : err instanceof URIError ? badPath() : fromBodyParser((err ?? {}) as { type?: unknown });
    if (known) return sendError(res, known);
    // The logger's err serializer keeps message, stack and causes, and drops fields such as a body.
    logger.error({ requestId: res.locals['requestId'], err }, 'unhandled error');
    sendError(res, new GatewayError('Server.Gateway.Internal', 'The gateway failed to handle the request'));
  };
}
