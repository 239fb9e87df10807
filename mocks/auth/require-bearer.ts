import { jsonReply } from '../protocols/replies';
import type { MockAuthCheck } from './mock-auth';
import type { TokenStore } from './token-store';

/** WSO2's answer to a missing, unknown, revoked or expired token. */
export const INVALID_CREDENTIALS = {
  fault: {
    code: 900901,
    message: 'Invalid Credentials',
    description: 'Invalid Credentials. Make sure you have provided the correct security credentials',
  },
} as const;

/** `ngsp-wso2`: a bearer token issued by the platform's `/token`. */
export function requireBearer(tokens: TokenStore): MockAuthCheck {
  return (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] !== undefined && tokens.isValid(match[1])) return null;
    return { ...jsonReply(INVALID_CREDENTIALS, 401), headers: { 'WWW-Authenticate': 'Bearer' } };
  };
}
