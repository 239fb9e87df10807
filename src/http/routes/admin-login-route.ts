import express, { Router, type CookieOptions, type Request } from 'express';
import type { AuditSink } from '../../audit/audit-event';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenClaims, TokenService } from '../../auth/token-service';
import { ADMIN_COOKIE, readCookie } from '../authenticate';

/**
 * `Secure` whenever the browser reached us over TLS, directly or through a proxy trusted by
 * `server.trustProxy` (then `req.secure` reads X-Forwarded-Proto); plain-HTTP development keeps working.
 */
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/admin', secure: req.secure };
}

/** The session a cookie holds, if it is still valid. */
function currentSession(tokens: TokenService, req: Request): TokenClaims | null {
  try {
    const token = readCookie(req, ADMIN_COOKIE);
    return token ? tokens.verifyWithClaims(token).claims : null;
  } catch {
    return null;
  }
}

/** Ends one session token on every gateway process (a copied cookie dies with the logout). */
export interface SessionRevoker {
  revokeToken(jti: string, expiresAtMs: number): Promise<void>;
}

/**
 * Operator login for the dashboard: the operator's id and secret (consumer credentials are
 * refused) give an HttpOnly, SameSite=Strict cookie holding an operator token; logout revokes
 * that token. Every login, failed login and logout is on the audit trail with the source address.
 */
export function adminLoginRoute(consumers: ConsumerRegistry, tokens: TokenService, audit: AuditSink, sessions: SessionRevoker): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.post('/admin/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body['id'] === 'string' ? body['id'] : '';
    const secret = typeof body['secret'] === 'string' ? body['secret'] : '';
    const principal = id && secret ? await consumers.authenticate(id, secret) : null;
    const source = req.ip ?? null;
    if (!principal || principal.role !== 'operator') {
      const reason = !principal ? 'wrong credentials' : 'not an operator';
      audit.record({ action: 'login.failure', actor: id ? id.slice(0, 100) : null, source, detail: { reason } });
      res.redirect(303, '/admin/login?error=1');
      return;
    }
    const { token, expiresIn, claims } = tokens.issue(principal);
    audit.record({ action: 'login.success', actor: principal.id, source, detail: { jti: claims.jti } });
    res.cookie(ADMIN_COOKIE, token, { ...cookieOptions(req), maxAge: expiresIn * 1000 });
    res.redirect(303, '/admin');
  });

  router.post('/admin/logout', async (req, res) => {
    const session = currentSession(tokens, req);
    if (session) {
      // Without Redis the cookie is still cleared; the token then lives until its exp, as the record says.
      const ended = await sessions.revokeToken(session.jti, session.exp * 1000).then(
        () => true,
        () => false,
      );
      audit.record({ action: 'logout', actor: session.sub, source: req.ip ?? null, detail: { jti: session.jti, tokenRevoked: ended } });
    }
    res.clearCookie(ADMIN_COOKIE, cookieOptions(req));
    res.redirect(303, '/admin/login');
  });
  return router;
}
