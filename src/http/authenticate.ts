import type { NextFunction, Request, Response } from 'express';
import type { Principal, TokenService } from '../auth/token-service';
import { GatewayError } from '../errors/gateway-error';

/** Requires `Authorization: Bearer <token>`; puts the principal in `res.locals.principal`. */
export function authenticate(tokens: TokenService, role?: Principal['role']) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lgsp"');
      throw new GatewayError('Client.Unauthorized', 'A bearer token from POST /token is required');
    }
    const principal = tokens.verify(match[1]);
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
