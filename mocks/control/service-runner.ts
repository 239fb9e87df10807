import type { Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { MockAuthCheck, MockAuthChecks } from '../auth/mock-auth';
import { isReply, type MockReply, type MockService, type ServiceEndpoint } from '../protocols/mock-service';
import { providerFailure } from '../protocols/provider-error';
import { truncateReply } from '../protocols/replies';
import type { FaultStore } from './fault-store';
import type { IdempotencyStore } from './idempotency-store';
import type { Journal } from './journal';
import { textBody } from './text-body';
import type { TimerRegistry } from './timer-registry';

/** The state every mocked provider shares on one server. */
export interface ServiceRuntime {
  readonly faults: FaultStore;
  readonly journal: Journal;
  readonly idempotency: IdempotencyStore;
  readonly timers: TimerRegistry;
  readonly logger: Logger;
  /** The credential check of each auth profile. */
  readonly auth: MockAuthChecks;
}

export function sendReply(res: Response, reply: MockReply): void {
  if (reply.headers) res.set(reply.headers);
  res.status(reply.status).type(reply.contentType).send(reply.body);
}

function headerOrNull(req: Request, name: string): string | null {
  const value = req.get(name)?.trim();
  return value === undefined || value === '' ? null : value;
}

/** Aborts when the client goes away before we answer. */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

/** auth → fault → decode → (idempotency → journal → business work) → reply, the same for every provider. */
function handler(service: MockService, endpoint: ServiceEndpoint, rt: ServiceRuntime, auth: MockAuthCheck | undefined): RequestHandler {
  return async (req, res) => {
    const refusal = auth?.(req);
    if (refusal) {
      sendReply(res, refusal);
      return;
    }
    const fault = rt.faults.next(service.id);
    if (fault?.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'error') {
      sendReply(res, service.protocol.errorReply(providerFailure(service.errorPrefix, service.providerName), fault.status));
      return;
    }
    if (fault?.mode === 'slow' && !(await rt.timers.delay(fault.latencyMs, clientGone(res)))) return;
    const decoded = await endpoint.decode(req);
    if (isReply(decoded)) {
      sendReply(res, decoded);
      return;
    }
    const idempotencyKey = headerOrNull(req, 'idempotency-key');
    const { reply, duplicate } = await rt.idempotency.run(service.id, idempotencyKey, () => {
      rt.journal.record({
        serviceId: service.id,
        operationId: decoded.operationId,
        requestId: headerOrNull(req, 'x-request-id'),
        idempotencyKey,
        receivedAt: new Date().toISOString(),
      });
      return decoded.run();
    });
    if (duplicate) rt.journal.countDuplicate(service.id);
    rt.logger.debug({ serviceId: service.id, operationId: decoded.operationId, status: reply.status, duplicate }, 'mock call');
    sendReply(res, fault?.mode === 'malformed' ? truncateReply(reply) : reply);
  };
}

/** Registers a provider's endpoints (and public routes such as its WSDL) on a router. */
export function mountService(router: Router, service: MockService, rt: ServiceRuntime): void {
  const auth = service.auth === 'none' ? undefined : rt.auth[service.auth];
  if (service.auth !== 'none' && auth === undefined) throw new Error(`mock ${service.id}: no check for auth profile ${service.auth}`);
  service.mountPublicRoutes?.(router);
  for (const endpoint of service.endpoints) {
    const stages: RequestHandler[] = [];
    if (endpoint.method === 'post') stages.push(...textBody(endpoint.bodyLimit));
    router[endpoint.method](endpoint.path, ...stages, handler(service, endpoint, rt, auth));
  }
}
