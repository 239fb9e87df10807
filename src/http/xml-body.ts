import { StringDecoder } from 'node:string_decoder';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors/gateway-error';
import { TextPieces } from '../util/text-pieces';

const contentType = (req: Request): string => String(req.headers['content-type'] ?? '');

/** The declared charset must be UTF-8 (or absent): the body is decoded as UTF-8 and forwarded as such. */
function refuseOtherCharset(req: Request): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType(req))?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new GatewayError('Client.UnsupportedMediaType', `XML must be sent as UTF-8, not ${charset.slice(0, 40)}`);
  }
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError('Client.PayloadTooLarge', `The XML body is larger than ${limit} bytes (server.xmlBodyLimitBytes)`);
}

/**
 * Reads an XML body into `req.body` as TextPieces, decoding each chunk as it arrives.
 * body-parser's raw parser concatenates a 20 MiB body into one Buffer and the string is then
 * decoded from it in one go: on the 2-core test machine each step holds the event loop about
 * 0.1 s, back to back. Here decoding is spread over the socket's reads and the pieces are kept
 * as they are. The byte limit is enforced as bytes arrive (and from Content-Length).
 */
export function xmlBody(isXml: (req: Request) => boolean, limit: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!isXml(req) || req.body !== undefined) return next();
    refuseOtherCharset(req);
    if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
    const decoder = new StringDecoder('utf8');
    const pieces: string[] = [];
    let received = 0;
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        req.unpipe();
        req.pause();
        return next(err);
      }
      pieces.push(decoder.end());
      // Never joined here: see TextPieces.
      req.body = new TextPieces(pieces.filter((p) => p.length > 0));
      next();
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) return finish(tooLarge(limit));
      pieces.push(decoder.write(chunk));
    };
    const onEnd = (): void => finish();
    const onError = (): void => finish(new GatewayError('Client.BadRequest', 'The request body was not received whole'));
    const onAborted = onError;
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  };
}
