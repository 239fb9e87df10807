import type { RequestHandler } from 'express';
import type { TokenStore } from './token-store';

/** WSO2's answer to a missing, unknown, revoked or expired token. */
export const INVALID_CREDENTIALS = {
  fault: {
    code: 900901,
    message: 'Invalid Credentials',
    description: 'Invalid Credentials. Make sure you have provided the correct security credentials',
  },
} as const;

export function requireBearer(tokens: TokenStore): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] !== undefined && tokens.isValid(match[1])) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json(INVALID_CREDENTIALS);
  };
}
