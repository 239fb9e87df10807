import { createHmac } from 'node:crypto';
import type { ProviderAuthSettings } from '../config/schema';
import { tryParseJson } from '../protocols/provider-error';
import type { ProviderAuth } from './provider-auth';

export type VxpHmacSettings = ProviderAuthSettings['vxpHmac'];

/** What the axis' SDK (SDKVXP 2.0.x) sends as `XroadVnpt-version`. */
export const VXP_PROTOCOL_VERSION = '3.0.201608';

/** The axis' refusal of a timestamp outside its window: signing again with a fresh one may pass. */
export const VXP_STALE_TIMESTAMP = 'ED-408';

const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The SDK's `ddMMyyyy'T'HHmmss+SSSS` (Java SimpleDateFormat: `+` is a literal, `SSSS` the
 * milliseconds on four digits) on the Viet Nam wall clock: `30112026T221502+0045`.
 */
export function vxpTimestamp(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return `${pad(d.getUTCDate())}${pad(d.getUTCMonth() + 1)}${d.getUTCFullYear()}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}+${pad(d.getUTCMilliseconds(), 4)}`;
}

/** Headers HTTP or the transport set on their own: not parameters of the VXP call, never signed. */
const UNSIGNED = new Set(['accept', 'content-length', 'user-agent', 'x-request-id', 'idempotency-key']);

/**
 * The SDK's signature: `systemid`, `timestamp` and the call's own headers, each sent as is and
 * again as `XroadVnpt-<name>`; `XroadVnpt-sign-header-key` lists the names (`;`-joined),
 * `XroadVnpt-sign-header` is the JSON object of the prefixed pairs, and `XroadVnpt-hash-header`
 * the hex HMAC-SHA256 of that JSON text with the system's secret.
 */
export function signVxpHeaders(headers: Readonly<Record<string, string>>, settings: VxpHmacSettings, at: Date): Record<string, string> {
  const call: Record<string, string> = { systemid: settings.systemId, timestamp: vxpTimestamp(at) };
  for (const [name, value] of Object.entries(headers)) if (!UNSIGNED.has(name.toLowerCase())) call[name] = value;
  const prefixed = Object.fromEntries(Object.entries(call).map(([name, value]) => [`XroadVnpt-${name}`, value]));
  const signHeader = JSON.stringify(prefixed);
  return {
    ...headers,
    ...call,
    ...prefixed,
    'XroadVnpt-sign-header-key': Object.keys(call).join(';'),
    'XroadVnpt-sign-header': signHeader,
    'XroadVnpt-hash-header': createHmac('sha256', settings.secret).update(signHeader, 'utf8').digest('hex'),
    'XroadVnpt-version': VXP_PROTOCOL_VERSION,
  };
}

/**
 * The national document axis (VXP): no token, every call signed on its own. Only a stale
 * timestamp is worth signing again for; a wrong secret or an unknown system is not.
 */
export function vxpHmacAuth(settings: VxpHmacSettings, now: () => Date = () => new Date()): ProviderAuth {
  return {
    profile: 'vxp-hmac',
    sign(req) {
      return Promise.resolve({
        headers: signVxpHeaders(req.headers, settings, now()),
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
    },
    refused(res) {
      if (res.status !== 401) return false;
      const body = tryParseJson(res.body) as { ErrorCode?: unknown } | null;
      return body?.ErrorCode === VXP_STALE_TIMESTAMP;
    },
  };
}
