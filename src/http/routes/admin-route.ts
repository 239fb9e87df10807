import express, { Router } from 'express';
import { z } from 'zod';
import type { TokenService } from '../../auth/token-service';
import { describeIssues } from '../../catalog/catalog';
import { GatewayError } from '../../errors/gateway-error';
import type { JobQueues } from '../../queue/job-queues';
import { authenticate } from '../authenticate';

const replayBody = z.strictObject({ jobIds: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional() });
const limitQuery = z.coerce.number().int().min(1).max(1000).default(100);

/** Operators' queue tools: list a connection's dead letters and put them back on its queue. */
export function adminRoute(queues: JobQueues, tokens: TokenService): Router {
  const router = Router();
  router.use('/admin/api', authenticate(tokens, 'operator'));
  router.get('/admin/api/services/:serviceId/dead-letters', async (req, res) => {
    const limit = limitQuery.safeParse(req.query['limit'] ?? undefined);
    if (!limit.success) throw new GatewayError('Client.BadRequest', `limit: ${describeIssues(limit.error)}`);
    res.json(await queues.deadLetters(String(req.params['serviceId']), limit.data));
  });
  router.post('/admin/api/services/:serviceId/dead-letters/replay', express.json({ limit: '1mb' }), async (req, res) => {
    const body = replayBody.safeParse(req.body ?? {});
    if (!body.success) throw new GatewayError('Client.BadRequest', `Invalid request body: ${describeIssues(body.error)}`);
    res.json(await queues.replay(String(req.params['serviceId']), body.data.jobIds));
  });
  return router;
}
