import { Router } from 'express';
import type { TokenService } from '../../auth/token-service';
import type { JobQueues } from '../../queue/job-queues';
import { authenticate, principalOf } from '../authenticate';

/** `GET /api/v1/jobs/{jobId}`: an async request's status, for the caller who made it. */
export function jobsRoute(queues: JobQueues, tokens: TokenService): Router {
  const router = Router();
  router.get('/api/v1/jobs/:jobId', authenticate(tokens), async (req, res) => {
    res.json(await queues.view(String(req.params['jobId']), principalOf(res).id));
  });
  return router;
}
