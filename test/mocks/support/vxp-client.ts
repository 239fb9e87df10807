import { createHmac } from 'node:crypto';

/** The gateway's dev system on the axis (config/gateway.yaml `providerAuth.vxpHmac`). */
export const VXP_DEV = { systemId: '000.00.00.H06', secret: 'vxp-dev-secret' } as const;
/** The Government Office's system on the mock axis, which sends the province documents. */
export const VXP_VPCP = { systemId: 'vxp.vpcp.gov.vn', secret: 'vxp-vpcp-dev-secret' } as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `ddMMyyyy'T'HHmmss+SSSS`, Viet Nam wall clock, written here independently of the gateway's signer. */
export function sdkTimestamp(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600 * 1000);
  return `${pad(vn.getUTCDate())}${pad(vn.getUTCMonth() + 1)}${vn.getUTCFullYear()}T${pad(vn.getUTCHours())}${pad(vn.getUTCMinutes())}${pad(vn.getUTCSeconds())}+${pad(vn.getUTCMilliseconds(), 4)}`;
}

export interface SignOptions {
  readonly systemId?: string;
  readonly secret?: string;
  readonly at?: Date;
}

/**
 * Headers as SDKVXP 2.0.1 sends them: `Content-Type` as is, every header of the call (systemid,
 * timestamp, Content-Type and the call's own) as `XroadVnpt-<name>`, the names `;`-joined, their
 * JSON, its hex HMAC-SHA256, `User-Agent` and `XroadVnpt-version`.
 */
export function sdkHeaders(call: Readonly<Record<string, string>>, opts: SignOptions = {}): Record<string, string> {
  const all: Record<string, string> = {
    systemid: opts.systemId ?? VXP_DEV.systemId,
    timestamp: sdkTimestamp(opts.at ?? new Date()),
    ...call,
  };
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) signed[`XroadVnpt-${name}`] = value;
  const json = JSON.stringify(signed);
  return {
    ...(all['Content-Type'] ? { 'Content-Type': all['Content-Type'] } : {}),
    ...signed,
    'XroadVnpt-sign-header-key': Object.keys(all).join(';'),
    'XroadVnpt-sign-header': json,
    'XroadVnpt-hash-header': createHmac('sha256', opts.secret ?? VXP_DEV.secret)
      .update(json, 'utf8')
      .digest('hex'),
    'User-Agent': 'JAVASDKAgent/1.0.0 XRoad/VPCP',
    'XroadVnpt-version': '3.0.201608',
  };
}

/** A `sendEdoc` body: multipart/form-data, the file in part `file_doc`. */
export function fileDocForm(file: string, boundary = '----GoldenBoundary7MA4YWxkTrZu0gW'): { contentType: string; body: string } {
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file_doc"; filename="edoc.edxml"\r\nContent-Type: application/octet-stream\r\n\r\n${file}\r\n--${boundary}--\r\n`,
  };
}

/** `sendEdoc` as a client signs it: the multipart form and the signed headers (Content-Type signed as sent). */
export function sendEdocRequest(
  file: string,
  call: Readonly<Record<string, string>>,
  opts: SignOptions = {},
): { headers: Record<string, string>; body: string } {
  const form = fileDocForm(file);
  return { headers: sdkHeaders({ 'Content-Type': form.contentType, servicetype: 'eDoc', ...call }, opts), body: form.body };
}

/** The `file_doc` part of a multipart body, for comparing what the gateway sent with a golden file. */
export function fileDocOf(body: string, contentType: string): string | undefined {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const start = body.indexOf('\r\n\r\n', body.indexOf('name="file_doc"'));
  const end = body.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? undefined : body.slice(start + 4, end);
}
