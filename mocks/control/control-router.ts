import express, { Router, type Response } from 'express';
import type { MockService } from '../protocols/mock-service';
import { faultSchema, type FaultStore } from './fault-store';
import type { IdempotencyStore } from './idempotency-store';
import type { Journal } from './journal';

export interface ControlDeps {
  readonly services: readonly MockService[];
  /** Fault targets that are not services (the callback receiver). */
  readonly faultTargets: readonly string[];
  readonly faults: FaultStore;
  readonly journal: Journal;
  readonly idempotency: IdempotencyStore;
}

function unknownService(res: Response, serviceId: string, known: readonly string[]): void {
  res.status(404).json({ error: 'unknown_service', message: `No service ${serviceId} on this mock`, serviceId, known });
}

/** `/__mock/faults` and `/__mock/journal` (the contract's control API), plus `/__mock/services`. */
export function createControlRouter(deps: ControlDeps): Router {
  const router = Router();
  const known = deps.services.map((s) => s.id);
  const faultTargets = [...known, ...deps.faultTargets];

  router.get('/__mock/services', (_req, res) => {
    res.json({
      services: deps.services.map((s) => ({
        id: s.id,
        provider: s.providerName,
        protocol: s.protocol.name,
        auth: s.auth,
        fidelity: s.fidelity,
        operations: s.operations,
        paths: [...new Set(s.endpoints.map((e) => e.path))],
        endpoints: s.endpoints.flatMap((e) =>
          e.operations.map((o) => ({
            operationId: o.operationId,
            wireOperation: o.wireOperation,
            method: e.method.toUpperCase(),
            path: e.path,
          })),
        ),
      })),
    });
  });

  router.put('/__mock/faults/:serviceId', express.json({ type: () => true }), (req, res) => {
    const serviceId = req.params.serviceId;
    if (!faultTargets.includes(serviceId)) return unknownService(res, serviceId, faultTargets);
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return void res.status(400).json({ error: 'invalid_fault', message: 'Invalid fault', problems });
    }
    const fault = deps.faults.set(serviceId, parsed.data);
    res.json({ serviceId, ...(fault ?? { mode: 'ok' }) });
  });

  router.get('/__mock/faults', (_req, res) => {
    res.json({ items: deps.faults.list() });
  });

  router.delete('/__mock/faults', (_req, res) => {
    deps.faults.clear();
    res.status(204).end();
  });

  router.get('/__mock/journal', (req, res) => {
    const serviceId = typeof req.query.serviceId === 'string' && req.query.serviceId !== '' ? req.query.serviceId : undefined;
    if (serviceId !== undefined && !known.includes(serviceId)) return unknownService(res, serviceId, known);
    const limit = Number(req.query.limit);
    res.json(deps.journal.view(serviceId, Number.isInteger(limit) && limit >= 0 ? limit : undefined));
  });

  router.delete('/__mock/journal', (_req, res) => {
    deps.journal.clear();
    deps.idempotency.clear();
    res.status(204).end();
  });

  return router;
}
