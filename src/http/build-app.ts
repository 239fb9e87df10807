import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/audit-event';
import type { ConsumerRegistry } from '../auth/consumer-registry';
import type { TokenService } from '../auth/token-service';
import type { CredentialChecker } from '../limits/login-throttle';
import type { Catalog } from '../catalog/catalog';
import type { GatewaySettings } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { CallPipeline } from '../runtime/call-pipeline';
import { accessLog } from './access-log';
import { errorHandler } from './error-handler';
import { declaredLengthLimit } from './declared-length-limit';
import { requestId } from './request-id';
import { scrapeAuth } from './scrape-auth';
import { directoryRoute } from './routes/directory-route';
import { healthRoutes, type HealthCheck } from './routes/health-routes';
import { openApiRoute } from './routes/openapi-route';
import { serviceCallRoute } from './routes/service-call-route';
import { tokenBodyLimit, tokenRoute } from './routes/token-route';

export interface AppDeps {
  settings: GatewaySettings;
  catalog: Catalog;
  consumers: ConsumerRegistry;
  tokens: TokenService;
  /** Owns every call to a service; the route around it is HTTP only. */
  pipeline: CallPipeline;
  readinessChecks: readonly HealthCheck[];
  logger: Logger;
  metrics: GatewayMetrics;
  /** Where `/token` records issued and refused tokens. */
  audit: AuditSink;
  /** The login throttle `/token` checks credentials through (the registry alone when absent). */
  credentialChecker?: CredentialChecker;
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
  // Before the gateway-wide length check: /token answers every refusal in RFC 6749's shape, with its own smaller limit.
  app.use(tokenBodyLimit());
  app.use(declaredLengthLimit(Math.max(deps.settings.server.jsonBodyLimitBytes, deps.settings.server.xmlBodyLimitBytes)));
  // The busiest route first: a call does not walk through the other routers on its way.
  app.use(serviceCallRoute({ ...deps, server: deps.settings.server }));
  const scrapeGuard = scrapeAuth(deps.settings.server, deps.tokens);
  app.use(healthRoutes(deps.readinessChecks, scrapeGuard));
  app.get('/metrics', scrapeGuard, async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(tokenRoute(deps.consumers, deps.tokens, deps.audit, deps.credentialChecker));
  app.use(directoryRoute(deps.catalog, deps.consumers, deps.tokens));
  app.use(openApiRoute(deps.catalog, deps.consumers, deps.tokens));
  for (const router of deps.extraRouters ?? []) app.use(router);
  app.use(() => {
    throw new GatewayError('Client.UnknownService', 'No such endpoint');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
