import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { xmlReply } from '../protocols/replies';
import { buildSoapFault } from '../protocols/soap-envelope';
import type { MockAuthCheck } from './mock-auth';

/** What C06 issues to a connecting system; the dev values equal `providerAuth.c06Basic` in config/gateway.yaml. */
export interface C06Credentials {
  readonly username: string;
  readonly secret: string;
  readonly apiKey: string;
  readonly xRoadClient: string;
}

export const DEV_C06_CREDENTIALS: C06Credentials = {
  username: 'lgsp-bacgiang',
  secret: 'c06-dev-secret',
  apiKey: 'c06-dev-api-key',
  xRoadClient: 'VN/GOV/000.00.00.H06/LGSP',
};

/** How far the caller's `Timestamp` (epoch milliseconds) may be from the provider's clock. */
export const C06_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

const NS = 'http://dancuquocgia.bca';

/** lowercase hex SHA-256 of path + user + timestamp + secret (clients in the wild: OpenCPS-era Java, .NET, PHP). */
export function c06Password(path: string, username: string, timestamp: string, secret: string): string {
  return createHash('sha256')
    .update(path + username + timestamp + secret, 'utf8')
    .digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicPair(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Nothing public shows C06's own refusal, so it is modelled: HTTP 401 with a SOAP 1.1
 * `soap:Client` fault, MaLoi `DC-401`, and a message naming what failed.
 */
function refuse(message: string): ReturnType<MockAuthCheck> {
  return {
    ...xmlReply(buildSoapFault(NS, 'client', 'DC-401', message), 401),
    headers: { 'WWW-Authenticate': 'Basic realm="CSDLQG ve dan cu"' },
  };
}

function problem(req: Request, creds: C06Credentials, now: number): string | null {
  const timestamp = req.get('timestamp')?.trim() ?? '';
  if (!/^\d{10,16}$/.test(timestamp)) return 'Thiếu hoặc sai định dạng Timestamp';
  if (Math.abs(now - Number(timestamp)) > C06_TIMESTAMP_WINDOW_MS) return 'Timestamp đã hết hiệu lực';
  if (!sameText(req.get('apikey') ?? '', creds.apiKey)) return 'ApiKey không hợp lệ';
  if (!sameText(req.get('x-road-client') ?? '', creds.xRoadClient)) return 'X-Road-Client không được phép';
  const given = basicPair(req.get('authorization'));
  if (given === null || !sameText(given.user, creds.username)) return 'Tài khoản không hợp lệ';
  const path = new URL(req.originalUrl, 'http://localhost').pathname;
  if (!sameText(given.password, c06Password(path, creds.username, timestamp, creds.secret))) return 'Chữ ký xác thực không hợp lệ';
  return null;
}

/** `c06-basic`: timestamped SHA-256 Basic, ApiKey and X-Road-Client, checked on every call. */
export function requireC06Basic(creds: C06Credentials = DEV_C06_CREDENTIALS, now: () => number = Date.now): MockAuthCheck {
  return (req) => {
    const failed = problem(req, creds, now());
    return failed === null ? null : refuse(failed);
  };
}
