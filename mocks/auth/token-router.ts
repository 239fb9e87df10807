import express, { Router } from 'express';
import { z } from 'zod';
import { DEV_LGSP_PARTNER, knownPartner } from './lgsp-access-token';
import type { TokenStore } from './token-store';

export interface ConsumerCredentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

export const DEV_NGSP_CREDENTIALS: ConsumerCredentials = { consumerKey: 'lgsp-bac-giang', consumerSecret: 'lgsp-bac-giang-ngsp-secret' };

const lifetimeSchema = z.strictObject({ expiresIn: z.number().int().min(1).max(31_536_000) });

function basicCredentials(header: string | undefined): ConsumerCredentials | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { consumerKey: decoded.slice(0, colon), consumerSecret: decoded.slice(colon + 1) };
}

/**
 * `POST /token` (OAuth2 client credentials, WSO2 style: Basic consumer key and secret, or a
 * VNPT-built LGSP partner's `lgspaccesstoken` header) and the token control endpoints.
 */
export function createTokenRouter(tokens: TokenStore, credentials: ConsumerCredentials): Router {
  const router = Router();

  router.post('/token', express.urlencoded({ extended: false, type: () => true }), (req, res) => {
    const given = basicCredentials(req.get('authorization'));
    const partner = req.get('lgspaccesstoken') !== undefined && knownPartner(req, DEV_LGSP_PARTNER);
    if (!partner && (given?.consumerKey !== credentials.consumerKey || given.consumerSecret !== credentials.consumerSecret)) {
      return void res
        .status(401)
        .set('WWW-Authenticate', 'Basic realm="WSO2 API Manager"')
        .json({ error: 'invalid_client', error_description: 'Client Authentication failed.' });
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') {
      return void res.status(400).json({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type value' });
    }
    const { accessToken, expiresIn } = tokens.issue();
    res.set('Cache-Control', 'no-store').json({
      access_token: accessToken,
      scope: 'am_application_scope default',
      token_type: 'Bearer',
      expires_in: expiresIn,
    });
  });

  router.put('/__mock/token', express.json({ type: () => true }), (req, res) => {
    const parsed = lifetimeSchema.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return void res.status(400).json({ error: 'invalid_token_settings', message: 'Invalid token settings', problems });
    }
    tokens.setLifetime(parsed.data.expiresIn);
    res.json({ expiresIn: parsed.data.expiresIn });
  });

  router.get('/__mock/token', (_req, res) => {
    res.json(tokens.stats());
  });

  router.delete('/__mock/tokens', (_req, res) => {
    tokens.revokeAll();
    res.status(204).end();
  });

  return router;
}
