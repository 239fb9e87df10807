import type { IncomingMessage } from 'node:http';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { TokenService } from '../../auth/token-service';
import type { GatewaySettings } from '../../config/schema';
import { QuotaExceededError } from '../../limits/quota-exceeded-error';
import type { AdmittedCall, BodyFormat, CallPipeline } from '../../runtime/call-pipeline';
import { authenticate, principalOf } from '../authenticate';
import { requestIdOf } from '../request-id';
import { parseSafeJson } from '../safe-json';
import { TextPieces } from '../../util/text-pieces';
import { xmlBody } from '../xml-body';

const contentType = (req: IncomingMessage): string => String(req.headers['content-type'] ?? '');
const isJson = (req: IncomingMessage): boolean => /^application\/([\w.+-]+\+)?json\b/i.test(contentType(req));
const isXml = (req: IncomingMessage): boolean => /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(contentType(req));
const hasBody = (req: IncomingMessage): boolean =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
const bodyFormat = (req: IncomingMessage): BodyFormat | undefined =>
  !hasBody(req) ? undefined : isJson(req) ? 'json' : isXml(req) ? 'xml' : 'other';

/**
 * `POST /api/v1/services/{serviceId}/{operationId}`: HTTP around the call pipeline, which owns
 * the call. Here: which body reader, and the answer's shape (200 with data and meta, or 202 with
 * `Location`).
 */
export function serviceCallRoute(deps: { pipeline: CallPipeline; tokens: TokenService; server: GatewaySettings['server'] }): Router {
  const router = Router();

  // Before the body is read: the pipeline's checks that need none (a throttled caller costs nothing more).
  const precheck = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const idempotencyKey = req.get('idempotency-key');
    const receivedAt = res.locals['receivedAt'] as Date | undefined;
    const body = bodyFormat(req);
    res.locals['call'] = await deps.pipeline.precheck({
      serviceId: String(req.params['serviceId']),
      operationId: String(req.params['operationId']),
      principal: principalOf(res),
      requestId: requestIdOf(res),
      preferAsync: /\brespond-async\b/i.test(req.get('prefer') ?? ''),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      ...(receivedAt ? { receivedAt } : {}),
      ...(body ? { body } : {}),
    });
    next();
  };

  router.post(
    '/api/v1/services/:serviceId/:operationId',
    authenticate(deps.tokens),
    precheck,
    express.text({ type: isJson, limit: deps.server.jsonBodyLimitBytes }),
    xmlBody(isXml, deps.server.xmlBodyLimitBytes),
    async (req, res) => {
      const call = res.locals['call'] as AdmittedCall;
      const text = typeof req.body === 'string' ? req.body : '';
      const { definition } = call.op;
      const raw =
        isXml(req) && definition.xmlInput
          ? definition.xmlInput(req.body instanceof TextPieces ? req.body : new TextPieces([text]))
          : text.trim() === ''
            ? {}
            : parseSafeJson(text, deps.server.maxJsonDepth);
      const outcome = await deps.pipeline.accept(call, raw);
      if (outcome.kind === 'accepted') {
        res
          .status(202)
          .setHeader('Location', outcome.statusUrl)
          .json({ jobId: outcome.jobId, status: outcome.status, statusUrl: outcome.statusUrl });
        return;
      }
      const { requestId, serviceId, operationId, durationMs } = outcome;
      res.json({ data: outcome.data, meta: { requestId, serviceId, operationId, durationMs } });
    },
  );

  // The quota's name beside the contract's 429 body, so a caller knows which limit it hit.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof QuotaExceededError && !res.headersSent) res.setHeader('X-LGSP-Limit', err.limit);
    next(err);
  });

  return router;
}
