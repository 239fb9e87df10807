import { Router, type RequestHandler, type Response } from 'express';

type Status = 'pass' | 'warn' | 'fail';

export interface HealthCheck {
  name: string;
  /** Resolves with what was observed (a 'warn' does not make the process unready); rejects when the dependency fails. */
  run(): Promise<string | { status: Exclude<Status, 'fail'>; observedValue: string | number }>;
}

function sendHealth(res: Response, status: Status, checks: Record<string, unknown>): void {
  res
    .status(status === 'fail' ? 503 : 200)
    .type('application/health+json')
    .send(JSON.stringify({ status, checks }));
}

/**
 * `/health` (the process runs; always open, for liveness probes) and `/ready` (its dependencies
 * answer, behind `guard` since it names what is failing), as application/health+json.
 */
export function healthRoutes(readinessChecks: readonly HealthCheck[], guard: RequestHandler = (_req, _res, next) => next()): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    sendHealth(res, 'pass', { 'process:uptime': [{ status: 'pass', observedValue: Math.round(process.uptime()), observedUnit: 's' }] });
  });
  router.get('/ready', guard, async (_req, res) => {
    const results = await Promise.all(
      readinessChecks.map(async (check) => {
        const time = new Date().toISOString();
        try {
          const observed = await check.run();
          const result = typeof observed === 'string' ? { status: 'pass' as const, observedValue: observed } : observed;
          return [check.name, [{ ...result, time }]] as const;
        } catch (err) {
          return [check.name, [{ status: 'fail' as const, output: (err as Error).message, time }]] as const;
        }
      }),
    );
    const statuses = results.map(([, [r]]) => r.status);
    const overall: Status = statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
    sendHealth(res, overall, Object.fromEntries(results));
  });
  return router;
}
