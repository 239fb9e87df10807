import { Router } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import type { Catalog } from '../../catalog/catalog';
import { authenticate, principalOf } from '../authenticate';

/** `GET /api/v1/services`: the services this caller may use (operators see all). */
export function directoryRoute(catalog: Catalog, consumers: ConsumerRegistry, tokens: TokenService): Router {
  const router = Router();
  router.get('/api/v1/services', authenticate(tokens), (_req, res) => {
    const principal = principalOf(res);
    const services = catalog
      .listConnections()
      .filter((c) => consumers.maySee(principal, c.id))
      .map((c) => ({
        id: c.id,
        name: c.name,
        provider: c.provider,
        direction: c.direction,
        protocol: c.protocol,
        auth: c.auth,
        fidelity: catalog.getConnector(c.id).fidelity,
        sources: catalog.getConnector(c.id).sources,
        operations: c.operations.map((o) => ({ id: o.id, mode: o.mode, fidelity: catalog.getOperation(c.id, o.id).definition.fidelity ?? catalog.getConnector(c.id).fidelity, example: o.example })),
      }));
    res.json({ services });
  });
  return router;
}
