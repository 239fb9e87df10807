import { randomBytes } from 'node:crypto';
import { isStrictBase64 } from '../../mocks/protocols/edxml';
import { json, startHarness, type Harness } from './support/mock-harness';
import { edocXml, statusXml } from './support/wire-builders';

const HEADERS = { 'Content-Type': 'application/xml', messagetype: 'edoc' };

describe('edXML axis validation', () => {
  let h: Harness;
  const send = (xml: string, headers: Record<string, string> = HEADERS) => h.ngsp.post('/edxml/1.0/sendEdoc', xml, { headers });
  const expectRefused = async (xml: string, headers?: Record<string, string>) => {
    const res = await send(xml, headers);
    expect(res.status).toBe(400);
    expect(json(res.data)).toEqual({ status: 'FAIL', ErrorCode: 'ED-400', ErrorDesc: expect.any(String) });
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('accepts a well-formed document and lists it for its addressee', async () => {
    const res = await send(edocXml({ toOrganId: '000.05.00.H06' }));
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: '000.00.00.H06,2024/03/15,125/UBND-KSTT' });
    const list = await h.ngsp.get('/edxml/1.0/getReceivedEdocList', { params: { organId: '000.05.00.H06' } });
    expect(json<{ data: unknown[] }>(list.data).data).toContainEqual({
      DocId: '000.00.00.H06,2024/03/15,125/UBND-KSTT', From: '000.00.00.H06', CodeNumber: '125', CodeNotation: 'UBND-KSTT',
      Subject: 'Về việc báo cáo kết quả chuyển đổi số quý I năm 2024', ReceivedTime: expect.stringMatching(/^\d{14}$/),
    });
  });

  it('accepts a status message (default namespace, no prefix) and infers the type without the header', async () => {
    const res = await send(statusXml('05'), { 'Content-Type': 'application/xml' });
    expect(json(res.data)).toMatchObject({ status: 'OK', DocId: '000.00.00.G22,2024/03/11,1712/VPCP-KSTT' });
  });

  it('refuses a document in another namespace', () => expectRefused(edocXml({ namespace: 'http://example.org/edxml' })));

  it.each(['From', 'To', 'DocumentId', 'Code', 'Subject'])('refuses a document without %s', (field) => expectRefused(edocXml({ omit: [field] })));

  it.each([
    ['characters outside the alphabet', 'SGVsbG8*V29ybGQ='],
    ['wrong padding', 'SGVsbG8gV29ybGQ'],
    ['padding in the middle', 'SGVs=bG8gV29ybGQ='],
    ['embedded whitespace', 'SGVsbG8g V29ybGQ='],
    ['no data', ''],
  ])('refuses an attachment with %s', (_label, data) => expectRefused(edocXml({ attachment: data })));

  it('refuses a status message with an unknown status code', () => expectRefused(statusXml('99'), { 'Content-Type': 'application/xml', messagetype: 'status' }));

  it('refuses XML that is not well-formed, and DOCTYPE declarations', async () => {
    await expectRefused(edocXml().slice(0, 400));
    await expectRefused(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${edocXml().replace(/^<\?xml[^>]*>/, '')}`);
  });

  it('parses a 10 MB document without stalling the event loop', async () => {
    const attachment = randomBytes(7.5 * 1024 * 1024).toString('base64');
    let maxGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    try {
      const res = await send(edocXml({ attachment }));
      expect(json(res.data)).toMatchObject({ status: 'OK' });
    } finally {
      clearInterval(ticker);
    }
    expect(maxGap).toBeLessThan(500);
  });

  it('nhan-van-ban needs organId', async () => {
    const res = await h.ngsp.get('/edxml/1.0/getReceivedEdocList');
    expect(res.status).toBe(400);
    expect(json(res.data)).toMatchObject({ status: 'FAIL', ErrorCode: 'ED-400' });
  });
});

describe('isStrictBase64', () => {
  it.each([
    ['QQ==', true], ['QUI=', true], ['QUJD', true], ['QUJDRA==', true],
    ['QQ=', false], ['Q===', false], ['QUJD\n', false], ['QU-D', false], ['', false],
  ])('%j → %s', (data, expected) => expect(isStrictBase64(data)).toBe(expected));
});
