import type { Request } from 'express';
import { jsonReply } from '../protocols/replies';
import type { MockAuthCheck } from './mock-auth';
import { INVALID_CREDENTIALS } from './require-bearer';
import type { TokenStore } from './token-store';

/** The partner registration a VNPT-built LGSP knows the gateway by (development values). */
export interface LgspPartner {
  readonly AccessKey: string;
  readonly SecretKey: string;
  readonly AppName: string;
  readonly PartnerCode: string;
  readonly PartnerCodeCus: string;
}

export const DEV_LGSP_PARTNER: LgspPartner = {
  AccessKey: 'lgsp-dev-access-key',
  SecretKey: 'lgsp-dev-secret-key',
  AppName: 'LGSP-BACGIANG',
  PartnerCode: '000.00.00.H06',
  PartnerCodeCus: '000.00.00.H06',
};

/** The `lgspaccesstoken` header a partner sends: base64 of its registration as JSON. */
export function lgspAccessTokenOf(partner: LgspPartner): string {
  return Buffer.from(JSON.stringify(partner), 'utf8').toString('base64');
}

/** True when the `lgspaccesstoken` header is base64 JSON naming the registered partner. */
export function knownPartner(req: Request, partner: LgspPartner): boolean {
  const header = req.get('lgspaccesstoken');
  if (header === undefined || header.trim() === '') return false;
  let given: Record<string, unknown>;
  try {
    given = JSON.parse(Buffer.from(header.trim(), 'base64').toString('utf8')) as Record<string, unknown>;
  } catch {
    return false;
  }
  return (Object.keys(partner) as Array<keyof LgspPartner>).every((key) => given[key] === partner[key]);
}

const refusal = () => ({ ...jsonReply(INVALID_CREDENTIALS, 401), headers: { 'WWW-Authenticate': 'Bearer' } });

/** `lgsp-access-token`: a bearer from `/token` and, beside it, the partner's `lgspaccesstoken`. */
export function requireLgspAccessToken(tokens: TokenStore, partner: LgspPartner = DEV_LGSP_PARTNER): MockAuthCheck {
  return (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] === undefined || !tokens.isValid(match[1]) || !knownPartner(req, partner)) return refusal();
    return null;
  };
}
