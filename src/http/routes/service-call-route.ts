import type { IncomingMessage } from 'node:http';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import { parseOperationInput, type Catalog, type CatalogOperation } from '../../catalog/catalog';
import type { GatewaySettings } from '../../config/schema';
import { GatewayError } from '../../errors/gateway-error';
import { QuotaExceededError } from '../../limits/quota-exceeded-error';
import type { QuotaLedger } from '../../limits/quota-ledger';
import type { OperationInvoker } from '../../runtime/operation-invoker';
import { authenticate, principalOf } from '../authenticate';
import { requestIdOf } from '../request-id';
import { parseSafeJson } from '../safe-json';
import { xmlBody } from '../xml-body';

/** Puts an async request on its connection's queue; answers the job's id and status. */
export interface JobSubmitter {
  submit(request: {
    op: CatalogOperation;
    input: unknown;
    consumer: string;
    requestId: string;
    idempotencyKey?: string;
  }): Promise<{ jobId: string; status: string; created: boolean }>;
}

const contentType = (req: IncomingMessage): string => String(req.headers['content-type'] ?? '');
const isJson = (req: IncomingMessage): boolean => /^application\/([\w.+-]+\+)?json\b/i.test(contentType(req));
const isXml = (req: IncomingMessage): boolean => /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(contentType(req));
const hasBody = (req: IncomingMessage): boolean => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
/** What an `Idempotency-Key` may hold (also published in the OpenAPI document). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._-]{1,128}$/;

/** `POST /api/v1/services/{serviceId}/{operationId}`: the gateway's pipeline for one call. */
export function serviceCallRoute(deps: {
  catalog: Catalog;
  consumers: ConsumerRegistry;
  tokens: TokenService;
  invoker: OperationInvoker;
  submitter?: JobSubmitter;
  server: GatewaySettings['server'];
  /** The consumer's sync-call quota (async submits are charged by the submitter, in one script). */
  quotas?: Pick<QuotaLedger, 'takeSync'>;
}): Router {
  const router = Router();

  const resolve = (req: Request, res: Response, next: NextFunction): void => {
    const op = deps.catalog.getOperation(String(req.params['serviceId']), String(req.params['operationId']));
    deps.consumers.assertMayCall(principalOf(res), op.connection.id);
    if (hasBody(req) && !isJson(req) && !(isXml(req) && op.definition.xmlInput)) {
      throw new GatewayError('Client.UnsupportedMediaType', op.definition.xmlInput ? 'Send application/json or application/xml' : 'Send application/json');
    }
    res.locals['op'] = op;
    next();
  };

  const isAsync = (req: Request, op: CatalogOperation): boolean => op.config.mode === 'async' || /\brespond-async\b/i.test(req.get('prefer') ?? '');

  /** A throttled consumer's sync call is refused before its body is read or parsed. */
  const syncQuota = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const op = res.locals['op'] as CatalogOperation;
    if (deps.quotas && !isAsync(req, op)) await deps.quotas.takeSync(principalOf(res).id);
    next();
  };

  router.post(
    '/api/v1/services/:serviceId/:operationId',
    authenticate(deps.tokens),
    resolve,
    syncQuota,
    express.text({ type: isJson, limit: deps.server.jsonBodyLimitBytes }),
    xmlBody(isXml, deps.server.xmlBodyLimitBytes),
    async (req, res) => {
      const op = res.locals['op'] as CatalogOperation;
      const principal = principalOf(res);
      const text = typeof req.body === 'string' ? req.body : '';
      const raw = isXml(req) && op.definition.xmlInput ? op.definition.xmlInput(text) : text.trim() === '' ? {} : parseSafeJson(text, deps.server.maxJsonDepth);
      const input = await parseOperationInput(op, raw);
      const requestId = requestIdOf(res);
      if (isAsync(req, op)) return submit(req, res, { op, input, consumer: principal.id, requestId });
      const result = await deps.invoker.invoke({ op, input, consumer: principal.id, mode: 'sync', requestId, receivedAt: res.locals['receivedAt'] as Date });
      res.json({ data: result.data, meta: { requestId, serviceId: op.connection.id, operationId: op.config.id, durationMs: result.durationMs } });
    },
  );

  async function submit(req: Request, res: Response, request: { op: CatalogOperation; input: unknown; consumer: string; requestId: string }): Promise<void> {
    if (!deps.submitter) throw new GatewayError('Server.Gateway.QueueUnavailable', 'Asynchronous delivery is not available on this gateway');
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new GatewayError('Client.BadRequest', 'Idempotency-Key must be 1-128 letters, digits, dot, dash or underscore');
    const job = await deps.submitter.submit({ ...request, ...(key ? { idempotencyKey: key } : {}) });
    const statusUrl = `/api/v1/jobs/${encodeURIComponent(job.jobId)}`;
    res.status(202).setHeader('Location', statusUrl).json({ jobId: job.jobId, status: job.status, statusUrl });
  }

  // The quota's name beside the contract's 429 body, so a caller knows which limit it hit.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof QuotaExceededError && !res.headersSent) res.setHeader('X-LGSP-Limit', err.limit);
    next(err);
  });

  return router;
}
