import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { MockReply } from '../protocols/mock-service';
import { jsonReply } from '../protocols/replies';
import type { MockAuthCheck } from './mock-auth';

/** Secrets of the systems connected to the axis; `000.00.00.H06` equals `providerAuth.vxpHmac` in config/gateway.yaml. */
export const DEV_VXP_SECRETS: Readonly<Record<string, string>> = {
  '000.00.00.H06': 'vxp-dev-secret',
  'vxp.vpcp.gov.vn': 'vxp-vpcp-dev-secret',
};

/** How far a call's `timestamp` may be from the axis' clock (the SDK stamps each call when it is built). */
export const VXP_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

const VN_OFFSET_MS = 7 * 3600 * 1000;
const PREFIX = 'XroadVnpt-';

/** `ddMMyyyy'T'HHmmss+SSSS` on the Viet Nam wall clock → epoch milliseconds; null when it is not that. */
export function parseVxpTimestamp(value: string): number | null {
  const m = /^(\d{2})(\d{2})(\d{4})T(\d{2})(\d{2})(\d{2})\+(\d{4})$/.exec(value);
  if (!m) return null;
  const [, dd, mm, yyyy, hh, mi, ss, ms] = m.map(Number) as [number, number, number, number, number, number, number, number];
  const at = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss, ms) - VN_OFFSET_MS;
  return Number.isNaN(at) || ms > 999 ? null : at;
}

/** The names the caller signed (`XroadVnpt-sign-header-key`, `;`-joined). */
function signedNames(req: Request): string[] {
  return (req.get(`${PREFIX}sign-header-key`) ?? '')
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/**
 * A call parameter (`messagetype`, `docId`, `status`…) the axis trusts: only when it is among
 * the signed names, read from its `XroadVnpt-` header (checked equal to the signature's JSON).
 */
export function signedParam(req: Request, name: string): string | undefined {
  const signed = signedNames(req).find((n) => n.toLowerCase() === name.toLowerCase());
  return signed === undefined ? undefined : req.get(`${PREFIX}${signed}`)?.trim();
}

/** The calling system, as signed. */
export function callerSystem(req: Request): string {
  return signedParam(req, 'systemid') ?? '';
}

/**
 * Nothing public shows the axis' answer to a bad signature, so it is modelled on its own error
 * body: HTTP 401 (403 for an unknown system) with `{"status":"FAIL","ErrorCode","ErrorDesc"}`.
 */
function refuse(code: 'ED-401' | 'ED-403' | 'ED-408', message: string): MockReply {
  return jsonReply({ status: 'FAIL', ErrorCode: code, ErrorDesc: message }, code === 'ED-403' ? 403 : 401);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseSignHeader(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Every signed name is in the JSON and in its `XroadVnpt-` header with the same value (and the plain header, when sent, agrees). */
function headersMatch(req: Request, names: readonly string[], signed: Record<string, unknown>): boolean {
  if (Object.keys(signed).length !== names.length) return false;
  return names.every((name) => {
    const value = signed[`${PREFIX}${name}`];
    if (typeof value !== 'string' || req.get(`${PREFIX}${name}`) !== value) return false;
    const plain = req.get(name);
    // HTTP stacks add a charset or a multipart boundary to the plain Content-Type: only the signed copy counts.
    return plain === undefined || name.toLowerCase() === 'content-type' || plain === value;
  });
}

function problem(req: Request, secrets: Readonly<Record<string, string>>, now: number): MockReply | null {
  const system = req.get(`${PREFIX}systemid`) ?? '';
  if (system === '') return refuse('ED-401', 'Thiếu systemid');
  const secret = secrets[system];
  if (secret === undefined) return refuse('ED-403', `Hệ thống ${system} chưa được kết nối với trục liên thông`);
  const signHeader = req.get(`${PREFIX}sign-header`) ?? '';
  const hash = (req.get(`${PREFIX}hash-header`) ?? '').toLowerCase();
  if (signHeader === '' || hash === '') return refuse('ED-401', 'Thiếu chữ ký (XroadVnpt-sign-header, XroadVnpt-hash-header)');
  if (!sameText(hash, createHmac('sha256', secret).update(signHeader, 'utf8').digest('hex')))
    return refuse('ED-401', 'Chữ ký không hợp lệ');
  const names = signedNames(req);
  const signed = parseSignHeader(signHeader);
  if (!signed || !names.includes('systemid') || !names.includes('timestamp') || !headersMatch(req, names, signed)) {
    return refuse('ED-401', 'Các tiêu đề đã ký không khớp với XroadVnpt-sign-header');
  }
  const at = parseVxpTimestamp(String(signed[`${PREFIX}timestamp`]));
  if (at === null) return refuse('ED-401', "timestamp sai định dạng ddMMyyyy'T'HHmmss+SSSS");
  if (Math.abs(now - at) > VXP_TIMESTAMP_WINDOW_MS) return refuse('ED-408', 'timestamp đã hết hiệu lực');
  return null;
}

/** `vxp-hmac`: the SDK's per-call HMAC-SHA256 over the signed headers, checked on every call. */
export function requireVxpSignature(
  secrets: Readonly<Record<string, string>> = DEV_VXP_SECRETS,
  now: () => number = Date.now,
): MockAuthCheck {
  return (req) => problem(req, secrets, now());
}
