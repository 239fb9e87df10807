import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/audit-event';
import type { ConsumerRegistry } from '../auth/consumer-registry';
import type { TokenService } from '../auth/token-service';
import type { Catalog } from '../catalog/catalog';
import type { GatewaySettings } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { OperationInvoker } from '../runtime/operation-invoker';
import { accessLog } from './access-log';
import { errorHandler } from './error-handler';
import { requestId } from './request-id';
import { directoryRoute } from './routes/directory-route';
import { healthRoutes, type HealthCheck } from './routes/health-routes';
import { serviceCallRoute, type JobSubmitter } from './routes/service-call-route';
import { tokenRoute } from './routes/token-route';

export interface AppDeps {
  settings: GatewaySettings;
  catalog: Catalog;
  consumers: ConsumerRegistry;
  tokens: TokenService;
  invoker: OperationInvoker;
  submitter?: JobSubmitter;
  readinessChecks: readonly HealthCheck[];
  logger: Logger;
  metrics: GatewayMetrics;
  /** Where `/token` records issued and refused tokens. */
  audit: AuditSink;
  /** Extra routers mounted before the 404 handler (jobs, admin, metrics). */
  extraRouters?: readonly express.Router[];
}

/** Builds the gateway's HTTP app; never listens (the entry point does). */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only proxies named in config may set the client address and https (audit records, Secure cookies).
  app.set('trust proxy', deps.settings.server.trustProxy);
  app.use(requestId);
  app.use(accessLog(deps.logger, deps.metrics));
  // The busiest route first: a call does not walk through the other routers on its way.
  app.use(serviceCallRoute({ ...deps, server: deps.settings.server }));
  app.use(healthRoutes(deps.readinessChecks));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(tokenRoute(deps.consumers, deps.tokens, deps.audit));
  app.use(directoryRoute(deps.catalog, deps.consumers, deps.tokens));
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use(() => {
    throw new GatewayError('Client.UnknownService', 'No such endpoint');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
