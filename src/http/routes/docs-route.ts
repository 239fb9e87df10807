import path from 'node:path';
import { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import { DOCS_INIT_JS, DOCS_PAGE } from './docs-page';
import { PAGE_CSP, pageHeaders } from './dashboard-session';

/**
 * Swagger UI's built files, resolved through the package (not the source tree) so the page
 * works the same from `dist/` under plain node.
 */
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
/** Only what the page loads: the package's own index.html points at a demo API. */
const SWAGGER_UI_FILES: ReadonlySet<string> = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-16x16.png', 'favicon-32x32.png']);

/**
 * `/docs`: a readable page of the OpenAPI document, every asset served by the gateway (no CDN),
 * under the dashboard pages' CSP (Swagger UI needs no inline script or style).
 */
export function docsRoute(): Router {
  const router = Router();
  router.get('/docs', pageHeaders(PAGE_CSP), (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/docs/init.js', pageHeaders(PAGE_CSP, 'default'), (_req, res) => {
    res.type('js').send(DOCS_INIT_JS);
  });
  router.get('/docs/assets/:file', pageHeaders(PAGE_CSP, 'default'), (req, res) => {
    const file = String(req.params['file']);
    if (!SWAGGER_UI_FILES.has(file)) throw new GatewayError('Client.UnknownService', 'No such endpoint');
    res.sendFile(file, { root: SWAGGER_UI_DIR });
  });
  return router;
}
