import express, { Router, type Request, type Response } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';

/** Reads client credentials from Basic auth, or from the form as RFC 6749 §2.3.1 allows. */
function credentials(req: Request): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.get('authorization') ?? '');
  if (match?.[1]) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    return null;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body['client_id'] === 'string' && typeof body['client_secret'] === 'string') return { id: body['client_id'], secret: body['client_secret'] };
  return null;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="lgsp"');
  res.status(status).setHeader('Cache-Control', 'no-store').json({ error, error_description: description });
}

/** `POST /token`: OAuth2 client credentials, answered as RFC 6749 §5.1/§5.2. */
export function tokenRoute(consumers: ConsumerRegistry, tokens: TokenService): Router {
  const router = Router();
  router.post('/token', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const grant = (req.body as Record<string, unknown> | undefined)?.['grant_type'];
    if (grant !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const given = credentials(req);
    const principal = given ? await consumers.authenticate(given.id, given.secret) : null;
    if (!principal) return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong secret');
    const { token, expiresIn } = tokens.issue(principal);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: principal.role === 'operator' ? 'operator' : 'services' });
  });
  return router;
}
