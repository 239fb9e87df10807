import { Router } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import type { Catalog } from '../../catalog/catalog';
import { serviceDirectory } from '../../catalog/service-directory';
import { authenticate, principalOf } from '../authenticate';

/** `GET /api/v1/services`: the services this caller may use (operators see all). */
export function directoryRoute(catalog: Catalog, consumers: ConsumerRegistry, tokens: TokenService): Router {
  const router = Router();
  router.get('/api/v1/services', authenticate(tokens), (_req, res) => {
    const principal = principalOf(res);
    const services = serviceDirectory(catalog, (serviceId) => consumers.maySee(principal, serviceId));
    res.json({ services });
  });
  return router;
}
