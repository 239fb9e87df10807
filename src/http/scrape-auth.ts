import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { TokenService } from '../auth/token-service';
import { GatewayError } from '../errors/gateway-error';

/** Settings of `/metrics` and `/ready` access (`server.metricsAuth`, `server.metricsToken`). */
export interface ScrapeAuthSettings {
  metricsAuth: 'none' | 'bearer';
  metricsToken?: string | undefined;
}

// Equal-length digests: timingSafeEqual throws on buffers of different lengths.
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Guards `/metrics` and `/ready`: open with `none`; with `bearer`, the static scrape token
 * (compared in constant time) or an operator's access token. Queue depths and breaker states
 * tell an attacker which provider is down; a scraper that cannot hold a rotating token uses
 * the static one.
 */
export function scrapeAuth(settings: ScrapeAuthSettings, tokens: TokenService) {
  const staticDigest = settings.metricsToken ? digest(settings.metricsToken) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (settings.metricsAuth === 'none') return next();
    const match = /^Bearer\s+(\S{1,4096})$/i.exec(req.get('authorization') ?? '');
    const presented = match?.[1];
    if (!presented) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lgsp"');
      throw new GatewayError(
        'Client.Unauthorized',
        'This endpoint needs a bearer token: the scrape token or an operator token from POST /token',
      );
    }
    if (staticDigest && timingSafeEqual(digest(presented), staticDigest)) return next();
    let role: string;
    try {
      role = tokens.verify(presented).role;
    } catch (err) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lgsp", error="invalid_token"');
      throw err;
    }
    if (role !== 'operator') throw new GatewayError('Client.AccessDenied', 'This endpoint needs the scrape token or the operator role');
    next();
  };
}
