import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { TokenService } from '../../auth/token-service';
import { GatewayError } from '../../errors/gateway-error';
import { ADMIN_COOKIE, readCookie } from '../authenticate';

export const LOGIN_PATH = '/admin/login';

/** The dashboard's own pages: scripts and styles from the gateway only, nothing inline, no framing. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** bull-board's page sets inline styles and a `<base>`; scripts still come from the gateway only. */
export const BULL_BOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

/**
 * True when the request carries a valid, unexpired operator session cookie. A malformed cookie
 * is no session: the visitor is sent to the login page, which replaces it.
 */
export function hasOperatorSession(tokens: TokenService, req: Request): boolean {
  try {
    const token = readCookie(req, ADMIN_COOKIE);
    return token !== undefined && tokens.verify(token).role === 'operator';
  } catch {
    return false;
  }
}

/**
 * A state change made with the cookie must come from the gateway's own pages. bull-board's
 * client sends no `X-Requested-With`, so the browser's `Sec-Fetch-Site` or `Origin` is checked
 * too (SameSite=Strict already keeps the cookie off cross-site requests; this is the second lock).
 */
function fromSameOrigin(req: Request): boolean {
  if (req.get('x-requested-with')) return true;
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = req.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/** Pages and bull-board: a visitor without an operator session is sent to the login page. */
export function requireOperatorSession(tokens: TokenService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (!hasOperatorSession(tokens, req)) {
      if (!safe) throw new GatewayError('Client.Unauthorized', 'The dashboard session is missing or has expired');
      res.redirect(302, LOGIN_PATH);
      return;
    }
    if (!safe && !fromSameOrigin(req))
      throw new GatewayError('Client.AccessDenied', 'Dashboard requests must come from the dashboard itself');
    next();
  };
}

/** Security headers for HTML the dashboard serves; pages carry live data, so they are never cached. */
export function pageHeaders(csp: string, cache: 'no-store' | 'default' = 'no-store'): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (cache === 'no-store') res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
