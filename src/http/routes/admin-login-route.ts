import express, { Router, type CookieOptions, type Request } from 'express';
import type { AuditSink } from '../../audit/audit-event';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenClaims, TokenService } from '../../auth/token-service';
import { GatewayError } from '../../errors/gateway-error';
import { unthrottled, type CredentialChecker, type CredentialOutcome } from '../../limits/login-throttle';
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

/** A throttled or busy login: 429 `Client.RateLimited` with `Retry-After`, saying why. */
function loginRefusal(outcome: Extract<CredentialOutcome, { kind: 'throttled' | 'busy' }>): GatewayError {
  const why =
    outcome.kind === 'throttled'
      ? `Too many failed logins for ${outcome.scope === 'client' ? 'this id' : 'this address'}`
      : 'Too many secret checks are running on this gateway';
  return new GatewayError('Client.RateLimited', `${why}; try again in ${outcome.retryAfterSeconds} s`, {
    retryAfterSeconds: outcome.retryAfterSeconds,
  });
}

/**
 * Operator login for the dashboard: the operator's id and secret (consumer credentials are
 * refused) give an HttpOnly, SameSite=Strict cookie holding an operator token; logout revokes
 * that token. Every login, failed login and logout is on the audit trail with the source address.
 */
export function adminLoginRoute(
  consumers: ConsumerRegistry,
  tokens: TokenService,
  audit: AuditSink,
  sessions: SessionRevoker,
  checker: CredentialChecker = unthrottled(consumers),
): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.post('/admin/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body['id'] === 'string' ? body['id'] : '';
    const secret = typeof body['secret'] === 'string' ? body['secret'] : '';
    const source = req.ip ?? null;
    const outcome = id && secret ? await checker.check({ id, secret, source, endpoint: 'login' }) : ({ kind: 'wrong' } as const);
    if (outcome.kind === 'throttled' || outcome.kind === 'busy') {
      const detail =
        outcome.kind === 'throttled'
          ? { reason: 'throttled', scope: outcome.scope, retryAfterSeconds: outcome.retryAfterSeconds }
          : { reason: 'secret checks busy' };
      audit.record({ action: 'login.failure', actor: id.slice(0, 100), source, detail });
      throw loginRefusal(outcome);
    }
    const principal = outcome.kind === 'accepted' ? outcome.principal : null;
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
