import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { MockAuthChecks } from './auth/mock-auth';
import { createControlRouter } from './control/control-router';
import { FaultStore } from './control/fault-store';
import { IdempotencyStore } from './control/idempotency-store';
import { Journal } from './control/journal';
import { mountService } from './control/service-runner';
import type { TimerRegistry } from './control/timer-registry';
import type { MockService } from './protocols/mock-service';

/** What an extra router gets: the mock's faults and timers. */
export interface MockRouterDeps {
  readonly faults: FaultStore;
  readonly timers: TimerRegistry;
}

export interface MockAppParts {
  readonly services: readonly MockService[];
  readonly logger: Logger;
  readonly timers: TimerRegistry;
  /** The credential checks of the auth profiles this server's services name. */
  readonly auth?: MockAuthChecks;
  /** Extra routers (token endpoint, callbacks), mounted before the services; they may obey faults of their own targets. */
  readonly routers?: ReadonlyArray<(deps: MockRouterDeps) => Router>;
  /** Fault targets besides the services (`PUT /__mock/faults/{target}`), e.g. the callback receiver. */
  readonly faultTargets?: readonly string[];
  /** Answer for a path no service serves. */
  readonly notFound: RequestHandler;
}

function errorStatus(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Body-parser and unexpected errors: JSON, no stack in the answer; the log's err serializer drops the body they carry. */
function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = errorStatus(err);
    const message = err instanceof Error ? err.message : 'error';
    if (status >= 500) logger.error({ method: req.method, path: req.path, err }, 'mock failed');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const error = status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal_error';
    res.status(status).json({ error, message: status < 500 ? message : 'Internal mock error' });
  };
}

/** The skeleton both mock servers share: control API, services behind the pipeline, 404 and error answers. */
export function createMockApp(parts: MockAppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const faults = new FaultStore();
  const journal = new Journal();
  const idempotency = new IdempotencyStore();
  app.use(createControlRouter({ services: parts.services, faultTargets: parts.faultTargets ?? [], faults, journal, idempotency }));
  for (const router of parts.routers ?? []) app.use(router({ faults, timers: parts.timers }));
  const serviceRouter = express.Router();
  for (const service of parts.services) {
    mountService(serviceRouter, service, {
      faults,
      journal,
      idempotency,
      timers: parts.timers,
      logger: parts.logger,
      auth: parts.auth ?? {},
    });
  }
  app.use(serviceRouter);
  app.use(parts.notFound);
  app.use(errorHandler(parts.logger));
  return app;
}
