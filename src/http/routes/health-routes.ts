import { Router, type Response } from 'express';

export interface HealthCheck {
  name: string;
  /** Resolves with a short observed value; rejects when the dependency fails. */
  run(): Promise<string>;
}

function sendHealth(res: Response, status: 'pass' | 'fail', checks: Record<string, unknown>): void {
  res.status(status === 'pass' ? 200 : 503).type('application/health+json').send(JSON.stringify({ status, checks }));
}

/** `/health` (the process runs) and `/ready` (its dependencies answer), as application/health+json. */
export function healthRoutes(readinessChecks: readonly HealthCheck[]): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    sendHealth(res, 'pass', { 'process:uptime': [{ status: 'pass', observedValue: Math.round(process.uptime()), observedUnit: 's' }] });
  });
  router.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      readinessChecks.map(async (check) => {
        try {
          return [check.name, [{ status: 'pass', observedValue: await check.run(), time: new Date().toISOString() }]] as const;
        } catch (err) {
          return [check.name, [{ status: 'fail', output: (err as Error).message, time: new Date().toISOString() }]] as const;
        }
      }),
    );
    const failed = results.some(([, [r]]) => r.status === 'fail');
    sendHealth(res, failed ? 'fail' : 'pass', Object.fromEntries(results));
  });
  return router;
}
