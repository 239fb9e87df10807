import { Router, type Response } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import type { Catalog } from '../../catalog/catalog';
import { serviceDirectory } from '../../catalog/service-directory';
import { authenticate, principalOf } from '../authenticate';
import type { JsonObject } from '../openapi/json-object';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { docsRoute } from './docs-route';

/**
 * `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of what the caller may use (a consumer
 * its grants, an operator every operation), and `/docs`, the page that shows it. The dashboard's
 * session cookie is scoped to `/admin`, so operators signed in there read the same document at
 * `/admin/api/openapi.json`, which `/docs` tries first.
 */
export function openApiRoute(catalog: Catalog, consumers: ConsumerRegistry, tokens: TokenService): Router {
  const router = Router();
  // The catalog is fixed at boot: one document per distinct set of visible services.
  const built = new Map<string, JsonObject>();

  const send = (res: Response): void => {
    const principal = principalOf(res);
    const directory = serviceDirectory(catalog, (serviceId) => consumers.maySee(principal, serviceId));
    const key = directory.map((s) => s.id).join(' ');
    let document = built.get(key);
    if (!document) {
      document = buildOpenApiDocument(catalog, directory);
      built.set(key, document);
    }
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Cookie');
    res.json(document);
  };

  router.get('/api/v1/openapi.json', authenticate(tokens), (_req, res) => send(res));
  router.get('/admin/api/openapi.json', authenticate(tokens, 'operator', { allowCookie: true }), (_req, res) => send(res));
  router.use(docsRoute());
  return router;
}
