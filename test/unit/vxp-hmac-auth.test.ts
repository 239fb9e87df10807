import { createHmac } from 'node:crypto';
import { parseVxpTimestamp } from '../../mocks/auth/vxp-hmac';
import type { OutboundResponse } from '../../src/protocols/http-transport';
import { signVxpHeaders, vxpHmacAuth, vxpTimestamp } from '../../src/provider-auth/vxp-hmac-auth';

const SETTINGS = { systemId: '000.00.00.H06', secret: 'vxp-dev-secret' };
const answer = (status: number, body: unknown): OutboundResponse => ({
  status,
  headers: {},
  body: JSON.stringify(body),
  requestBytes: 0,
  responseBytes: 0,
});

test("the timestamp is the SDK's ddMMyyyy'T'HHmmss+SSSS on the Viet Nam clock, and the axis reads it back", () => {
  const at = new Date('2026-11-30T15:15:02.045Z');
  expect(vxpTimestamp(at)).toBe('30112026T221502+0045');
  expect(vxpTimestamp(new Date('2024-03-14T17:00:00.000Z'))).toBe('15032024T000000+0000');
  expect(parseVxpTimestamp(vxpTimestamp(at))).toBe(at.getTime());
});

test('each signed name goes plainly and as XroadVnpt-<name>; the hash is the HMAC of the JSON text; transport headers stay unsigned', () => {
  const h = signVxpHeaders(
    { messagetype: 'edoc', docId: 'abc', Accept: 'application/json', 'Content-Type': 'application/json' },
    SETTINGS,
    new Date('2026-11-30T15:15:02.045Z'),
  );
  expect(h['XroadVnpt-sign-header-key']).toBe('systemid;timestamp;messagetype;docId;Content-Type');
  expect(JSON.parse(h['XroadVnpt-sign-header'] ?? '')).toEqual({
    'XroadVnpt-systemid': '000.00.00.H06',
    'XroadVnpt-timestamp': '30112026T221502+0045',
    'XroadVnpt-messagetype': 'edoc',
    'XroadVnpt-docId': 'abc',
    'XroadVnpt-Content-Type': 'application/json',
  });
  expect(h['XroadVnpt-hash-header']).toBe(
    createHmac('sha256', 'vxp-dev-secret')
      .update(h['XroadVnpt-sign-header'] ?? '')
      .digest('hex'),
  );
  expect(h).toMatchObject({
    systemid: '000.00.00.H06',
    timestamp: '30112026T221502+0045',
    messagetype: 'edoc',
    docId: 'abc',
    'XroadVnpt-docId': 'abc',
    Accept: 'application/json',
  });
  expect(h['XroadVnpt-Accept']).toBeUndefined();
});

test('only a stale timestamp is worth signing again for', () => {
  const auth = vxpHmacAuth(SETTINGS);
  const used = { headers: {} };
  expect(auth.refused(answer(401, { status: 'FAIL', ErrorCode: 'ED-408', ErrorDesc: 'timestamp' }), used)).toBe(true);
  expect(auth.refused(answer(401, { status: 'FAIL', ErrorCode: 'ED-401', ErrorDesc: 'chữ ký' }), used)).toBe(false);
  expect(auth.refused(answer(403, { status: 'FAIL', ErrorCode: 'ED-403', ErrorDesc: 'systemid' }), used)).toBe(false);
  expect(auth.refused(answer(200, { status: 'OK', ErrorCode: '0' }), used)).toBe(false);
});
