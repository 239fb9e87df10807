import type { NextFunction, Request, Response } from 'express';
import type { Principal, TokenService } from '../auth/token-service';
import { GatewayError } from '../errors/gateway-error';

/** The dashboard's session cookie: the operator's own access token, HttpOnly and SameSite=Strict. */
export const ADMIN_COOKIE = 'lgsp_admin';

/** Reads one cookie; a value that is not valid percent-encoding is the caller's error (400), never a 500. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      throw new GatewayError('Client.BadRequest', `The ${name} cookie is malformed`);
    }
  }
  return undefined;
}

/**
 * Requires `Authorization: Bearer <token>` (or, where `allowCookie`, the dashboard's session
 * cookie); puts the principal in `res.locals.principal`. A cookie-authenticated request that
 * changes state must also carry `X-Requested-With`, which a cross-site form cannot send.
 */
export function authenticate(tokens: TokenService, role?: Principal['role'], options: { allowCookie?: boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const token = match?.[1] ?? (options.allowCookie ? readCookie(req, ADMIN_COOKIE) : undefined);
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lgsp"');
      throw new GatewayError('Client.Unauthorized', 'A bearer token from POST /token is required');
    }
    if (!match?.[1] && req.method !== 'GET' && req.method !== 'HEAD' && !req.get('x-requested-with')) {
      throw new GatewayError('Client.AccessDenied', 'Requests from the dashboard must carry X-Requested-With');
    }
    let principal: Principal;
    try {
      principal = tokens.verify(token);
    } catch (err) {
      // RFC 6750 §3.1: tell the client its token, not its request, is the problem (it should get a new one).
      if (match?.[1]) res.setHeader('WWW-Authenticate', 'Bearer realm="lgsp", error="invalid_token"');
      throw err;
    }
    if (role && principal.role !== role) throw new GatewayError('Client.AccessDenied', `This endpoint needs the ${role} role`);
    res.locals['principal'] = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals['principal'] as Principal | undefined;
  if (!principal) throw new GatewayError('Client.Unauthorized', 'Not authenticated');
  return principal;
}
