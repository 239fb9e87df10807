import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ServiceHealth } from '../../admin/service-health';
import type { AuditSink } from '../../audit/audit-event';
import type { AuditReader } from '../../audit/audit-reader';
import type { TokenService } from '../../auth/token-service';
import { describeIssues, type Catalog } from '../../catalog/catalog';
import type { ConnectionLogReader, LogQuery } from '../../connection-log/connection-log-reader';
import { GatewayError } from '../../errors/gateway-error';
import type { QuotaUse } from '../../limits/quota-ledger';
import type { JobQueues } from '../../queue/job-queues';
import { authenticate, principalOf } from '../authenticate';

/** How many replayed (and not found) ids an audit record lists beside the exact counts. */
export const AUDITED_REPLAY_IDS = 100;

/** Which dead letters to replay: named ones, or every one only when asked for explicitly. */
const replayBody = z.union([
  z.strictObject({ jobIds: z.array(z.string().min(1).max(200)).min(1).max(10_000) }),
  z.strictObject({ all: z.literal(true) }),
]);
const REPLAY_BODY_SHAPE = 'The body must be {"jobIds":["…"]} or {"all":true}';
const limitQuery = z.coerce.number().int().min(1).max(1000).default(100);
const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const logQuery = z.strictObject({
  serviceId: z.string().optional(),
  consumer: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});
const auditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  actor: z.string().max(100).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new GatewayError('Client.BadRequest', `Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}

export interface AdminDeps {
  catalog: Catalog;
  queues: JobQueues;
  health: ServiceHealth;
  log: ConnectionLogReader;
  tokens: TokenService;
  audit: AuditSink;
  auditLog: AuditReader;
  /** Each consumer's quota use beside its quotas (dashboard). */
  quotaUse?: () => Promise<QuotaUse[]>;
}

/** A replay's body must be JSON: anything else is refused, never read as "replay everything". */
function requireJsonBody(req: Request, _res: Response, next: () => void): void {
  if (!req.get('content-type')) throw new GatewayError('Client.BadRequest', `A JSON body is required. ${REPLAY_BODY_SHAPE}`);
  if (!req.is('application/json')) throw new GatewayError('Client.UnsupportedMediaType', 'The body must be application/json');
  next();
}

/** The operators' API: connection health, the connection log, the audit trail, dead letters and replay. */
export function adminRoute(deps: AdminDeps): Router {
  const router = Router();
  router.use('/admin/api', authenticate(deps.tokens, 'operator', { allowCookie: true }));

  router.get('/admin/api/services', async (_req, res) => {
    res.json({ services: await deps.health.list() });
  });
  router.get('/admin/api/quotas', async (_req, res) => {
    try {
      res.json({ consumers: deps.quotaUse ? await deps.quotaUse() : [] });
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'Quota use cannot be read now; try again later', {
        cause: err,
        retryAfterSeconds: 5,
      });
    }
  });
  router.get('/admin/api/services/:serviceId', async (req, res) => {
    res.json(await deps.health.one(String(req.params['serviceId'])));
  });

  const toQuery = (raw: unknown): LogQuery => {
    const q = parse(logQuery, raw, 'query');
    const serviceIds = q.serviceId ? [deps.catalog.getConnection(q.serviceId).id] : deps.catalog.listConnections().map((c) => c.id);
    return { ...q, serviceIds };
  };
  router.get('/admin/api/connections', async (req, res) => {
    res.json(await deps.log.query(toQuery(req.query)));
  });
  router.get('/admin/api/connections/export', async (req, res) => {
    await exportNdjson(res, deps.log, toQuery({ ...req.query, limit: '1000' }));
  });

  router.get('/admin/api/services/:serviceId/dead-letters', async (req, res) => {
    res.json(await deps.queues.deadLetters(String(req.params['serviceId']), parse(limitQuery, req.query['limit'] ?? undefined, 'limit')));
  });
  router.post('/admin/api/services/:serviceId/dead-letters/replay', requireJsonBody, express.json({ limit: '1mb' }), async (req, res) => {
    const parsed = replayBody.safeParse(req.body);
    if (!parsed.success) throw new GatewayError('Client.BadRequest', REPLAY_BODY_SHAPE);
    const serviceId = deps.catalog.getConnection(String(req.params['serviceId'])).id;
    const jobIds = 'jobIds' in parsed.data ? parsed.data.jobIds : undefined;
    const result = await deps.queues.replay(serviceId, jobIds);
    // Counts and the first ids: an audit record of 50,000 ids would be megabytes in the chained stream.
    const detail = {
      all: !jobIds,
      replayedCount: result.replayedCount,
      notFoundCount: result.notFoundCount,
      replayed: result.replayed.slice(0, AUDITED_REPLAY_IDS),
      notFound: result.notFound.slice(0, AUDITED_REPLAY_IDS),
    };
    deps.audit.record({ action: 'dead-letters.replayed', actor: principalOf(res).id, source: req.ip ?? null, target: serviceId, detail });
    res.json(result);
  });

  router.get('/admin/api/audit', async (req, res) => {
    res.json(await deps.auditLog.query(parse(auditQuery, req.query, 'query')));
  });
  return router;
}

/** Streams every record of the range as NDJSON, page by page, stopping if the client goes away. */
async function exportNdjson(res: Response, log: ConnectionLogReader, query: LogQuery): Promise<void> {
  res.status(200).type('application/x-ndjson');
  res.setHeader('Content-Disposition', 'attachment; filename="connection-log.ndjson"');
  let cursor: string | undefined = query.cursor;
  do {
    const page = await log.query({ ...query, ...(cursor ? { cursor } : {}) });
    const chunk = page.items.map((item) => JSON.stringify(item)).join('\n');
    if (chunk && !res.write(`${chunk}\n`)) await new Promise((resolve) => res.once('drain', resolve));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && !res.destroyed);
  res.end();
}
