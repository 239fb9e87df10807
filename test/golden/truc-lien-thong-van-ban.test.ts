import { createHmac } from 'node:crypto';
import { child } from '../../connectors/edxml-check';
import { edxmlAdapter } from '../../src/protocols/edxml-adapter';
import { createHttpClient, HttpTransport, type OutboundRequest } from '../../src/protocols/http-transport';
import type { ProviderAuth } from '../../src/provider-auth/provider-auth';
import { vxpHmacAuth } from '../../src/provider-auth/vxp-hmac-auth';
import { parseXml } from '../../src/xml/safe-xml';
import { fileDocOf, sdkHeaders, sendEdocRequest, VXP_DEV, VXP_VPCP, type SignOptions } from '../mocks/support/vxp-client';
import { edocXml, legacyEnvelopeXml } from '../mocks/support/wire-builders';
import { base64Lines, zipOne } from '../mocks/support/zip-one';
import { startGoldenStack, type CapturedRequest, type GoldenStack } from './support/golden-stack';
import { jsonShape, xmlShape } from './support/shape';

/**
 * The national document axis (VXP): every call `POST <base>/<op>` with its parameters in headers
 * signed per call (`XroadVnpt-*`, HMAC-SHA256 with the system's secret); `sendEdoc` carries the
 * edXML file (QCVN 102:2016, `<edXML>` root) as multipart part `file_doc`.
 */
const SERVICE = 'truc-lien-thong-van-ban';
const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SDK_TIMESTAMP = /^\d{8}T\d{6}\+\d{4}$/;
const ZIP = zipOne(
  '125-UBND-KSTT.pdf',
  Buffer.from('%PDF-1.4\nCông văn số 125/UBND-KSTT về việc báo cáo kết quả chuyển đổi số quý I năm 2024\n%%EOF\n'),
);

/** Written by hand, laid out as the axis SDK writes a file: a signed document with a zipped attachment in base64 lines. */
const GOLDEN_EDOC = edocXml({ signature: true, attachmentType: 'application/zip', attachment: base64Lines(ZIP) });

/** Written by hand: the file the directory's `gui-van-ban` example describes, element for element. */
const GOLDEN_FROM_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${NS}"><edXML:edXMLEnvelope xmlns:edXML="${NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:OrganName>UBND tỉnh Bắc Giang</edXML:OrganName><edXML:OrganAdd>Số 82 Hùng Vương, TP Bắc Giang</edXML:OrganAdd><edXML:Email>ubnd@bacgiang.gov.vn</edXML:Email></edXML:From>
<edXML:To><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:To>
<edXML:DocumentId>000.00.00.H06,2024/03/15,125/UBND-VP</edXML:DocumentId>
<edXML:Code><edXML:CodeNumber>125</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Bắc Giang</edXML:Place><edXML:PromulgationDate>2024/03/15</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>Báo cáo tình hình chuyển đổi số quý I năm 2024</edXML:Subject>
<edXML:SignerInfo><edXML:Competence>KT. CHỦ TỊCH</edXML:Competence><edXML:Position>Phó Chủ tịch</edXML:Position><edXML:FullName>Phan Thế Tuấn</edXML:FullName></edXML:SignerInfo>
<edXML:DueDate>2024/03/29</edXML:DueDate>
<edXML:ToPlaces><edXML:Place>Văn phòng Chính phủ</edXML:Place></edXML:ToPlaces>
<edXML:OtherInfo><edXML:Priority>0</edXML:Priority><edXML:SphereOfPromulgation>Lưu hành nội bộ</edXML:SphereOfPromulgation><edXML:PageAmount>2</edXML:PageAmount></edXML:OtherInfo>
<edXML:ResponseFor><edXML:OrganId/><edXML:Code/><edXML:PromulgationDate/><edXML:DocumentId/></edXML:ResponseFor>
<edXML:SteeringType>0</edXML:SteeringType>
</edXML:MessageHeader><edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:Timestamp>2024/03/15 08:30:00</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList></edXML:edXMLHeader>
<edXML:edXMLBody><edXML:edXMLManifest version="1.0"><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>text/plain</edXML:ContentType><edXML:AttachmentName>bao-cao.txt</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>
</edXML:edXMLEnvelope>
<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>bao-cao.txt</AttachmentName><ContentType>text/plain</ContentType><ContentTransferEncoded>QsOhbyBjw6FvIHF1w70gSSBuxINtIDIwMjQ=</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML>`;

/** Written by hand: "accepted" (03) about the Government Office's document 1712/VPCP-KSTT, with the clerk who took it. */
const GOLDEN_STATUS = `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${NS}"><edXML:edXMLEnvelope xmlns:edXML="${NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:OrganName>UBND tỉnh Bắc Giang</edXML:OrganName></edXML:From>
<edXML:ResponseFor><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:Code>1712/VPCP-KSTT</edXML:Code><edXML:PromulgationDate>2024/03/11</edXML:PromulgationDate><edXML:DocumentId>000.00.00.G22,2024/03/11,1712/VPCP-KSTT</edXML:DocumentId></edXML:ResponseFor>
<edXML:StaffInfo><edXML:Department>Văn phòng UBND tỉnh</edXML:Department><edXML:Staff>Nguyễn Thị Lan</edXML:Staff><edXML:Mobile>0912345678</edXML:Mobile><edXML:Email>lannt@bacgiang.gov.vn</edXML:Email></edXML:StaffInfo>
<edXML:StatusCode>03</edXML:StatusCode><edXML:Description>Đã tiếp nhận</edXML:Description><edXML:Timestamp>2024/03/15 10:05:00</edXML:Timestamp>
</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>`;

/** The former invented status shape: a bare envelope whose header is a `Status` element. */
const LEGACY_STATUS = `<?xml version="1.0" encoding="UTF-8"?><edXMLEnvelope xmlns="${NS}"><edXMLHeader><Status><ResponseFor><OrganId>000.00.00.G22</OrganId><DocumentId>000.00.00.G22,2024/03/11,1712/VPCP-KSTT</DocumentId></ResponseFor><From><OrganId>000.00.00.H06</OrganId></From><StatusCode>03</StatusCode><Timestamp>20240315100500</Timestamp></Status></edXMLHeader></edXMLEnvelope>`;

let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack(SERVICE);
});

afterAll(async () => {
  await golden?.close();
});

const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;
const messageHeader = (tree: Record<string, unknown>): Record<string, unknown> =>
  child(child(child(child(tree, 'edXML'), 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader') ?? {};
const example = (op: string): unknown => golden.gateway.catalog.getConnection(SERVICE).operations.find((o) => o.id === op)?.example;
const post = (op: string, headers: Record<string, string>, body?: string) =>
  golden.mock(SERVICE).post(`/edxml/1.0/${op}`, body, { headers });
const signed = (call: Record<string, string>, opts?: SignOptions) => sdkHeaders({ 'Content-Type': 'application/json', ...call }, opts);
const sendFile = (file: string, call: Record<string, string>, opts?: SignOptions) => {
  const req = sendEdocRequest(file, call, opts);
  return post('sendEdoc', req.headers, req.body);
};
const refusal = (code: string) => ({ status: 'FAIL', ErrorCode: code, ErrorDesc: expect.any(String) });

/**
 * The gateway's call is signed as the golden one: the same signed names, each sent plainly and as
 * `XroadVnpt-<name>`, the JSON of those pairs, and its HMAC-SHA256 with the dev secret.
 */
function expectSignedLike(request: CapturedRequest, goldenHeaders: Record<string, string>, params: Record<string, string>): void {
  const h = request.headers;
  const names = (h['xroadvnpt-sign-header-key'] ?? '').split(';');
  expect(new Set(names)).toEqual(new Set(goldenHeaders['XroadVnpt-sign-header-key']?.split(';')));
  const json = JSON.parse(h['xroadvnpt-sign-header'] ?? '{}') as Record<string, string>;
  expect(jsonShape(json)).toEqual(jsonShape(JSON.parse(goldenHeaders['XroadVnpt-sign-header'] ?? '{}')));
  for (const name of names) expect(h[`xroadvnpt-${name.toLowerCase()}`]).toBe(json[`XroadVnpt-${name}`]);
  expect(h['xroadvnpt-hash-header']).toBe(
    createHmac('sha256', VXP_DEV.secret)
      .update(h['xroadvnpt-sign-header'] ?? '', 'utf8')
      .digest('hex'),
  );
  expect(h['xroadvnpt-systemid']).toBe(VXP_DEV.systemId);
  expect(h['xroadvnpt-timestamp']).toMatch(SDK_TIMESTAMP);
  expect(h['systemid']).toBe(VXP_DEV.systemId);
  for (const [name, value] of Object.entries(params)) {
    expect(h[name.toLowerCase()]).toBe(value);
    expect(h[`xroadvnpt-${name.toLowerCase()}`]).toBe(value);
  }
  expect(h['authorization']).toBeUndefined();
}

describe('gui-van-ban: sendEdoc', () => {
  test('golden: a signed document, zipped attachment in base64 lines, sent as multipart file_doc, is accepted with an axis-made UUID', async () => {
    const res = await sendFile(GOLDEN_EDOC, { from: '000.00.00.H06', messagetype: 'edoc' });
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: expect.stringMatching(UUID) });
    // The receiver (the Government Office's system) downloads it unchanged.
    const got = json((await post('getEdoc', signed({ docId: String(json(res.data)['DocId']) }, VXP_VPCP))).data);
    expect(Buffer.from(String(got['data']), 'base64').toString('utf8')).toBe(GOLDEN_EDOC);
  });

  test('the old shape (application/xml, a bare edXMLEnvelope root, no signature) is refused as the axis does', async () => {
    const unsigned = await post('sendEdoc', { 'Content-Type': 'application/xml', messagetype: 'edoc' }, legacyEnvelopeXml());
    expect([unsigned.status, json(unsigned.data)]).toEqual([401, refusal('ED-401')]);
    const signedButOld = await sendFile(legacyEnvelopeXml(), { from: '000.00.00.H06', messagetype: 'edoc' });
    expect([signedButOld.status, json(signedButOld.data)]).toEqual([400, refusal('ED-400')]);
  });

  test("the gateway forwards a ready-made file byte for byte, signature block included, in the golden request's shape", async () => {
    const out = await golden.outbound(SERVICE, 'gui-van-ban', { edXML: GOLDEN_EDOC });
    expect(out.error).toBeUndefined();
    expect(out.requests).toHaveLength(1);
    expect([out.request.method, out.request.path]).toEqual(['POST', '/edxml/1.0/sendEdoc']);
    expect(out.request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(fileDocOf(out.request.body, out.request.headers['content-type'] ?? '')).toBe(GOLDEN_EDOC);
    const goldenRequest = sendEdocRequest(GOLDEN_EDOC, { from: '000.00.00.H06', messagetype: 'edoc' });
    expectSignedLike(out.request, goldenRequest.headers, { servicetype: 'eDoc', messagetype: 'edoc', from: '000.00.00.H06' });
    expect(out.data).toEqual({ maVanBanTruc: expect.stringMatching(UUID), trangThai: 'DA_GUI' });
  });

  test("from the directory's JSON example the gateway builds the golden file's structure", async () => {
    const out = await golden.outbound(SERVICE, 'gui-van-ban', example('gui-van-ban'));
    expect(out.error).toBeUndefined();
    const file = fileDocOf(out.request.body, out.request.headers['content-type'] ?? '') ?? '';
    expect(await xmlShape(file)).toEqual(await xmlShape(GOLDEN_FROM_EXAMPLE));
    const sent = messageHeader(await parseXml(file));
    const expected = messageHeader(await parseXml(GOLDEN_FROM_EXAMPLE));
    for (const field of [
      'From',
      'To',
      'DocumentId',
      'Code',
      'PromulgationInfo',
      'DocumentType',
      'Subject',
      'SignerInfo',
      'DueDate',
      'ToPlaces',
      'OtherInfo',
      'ResponseFor',
      'SteeringType',
    ]) {
      expect({ field, value: sent[field] }).toEqual({ field, value: expected[field] });
    }
    expectSignedLike(out.request, sendEdocRequest(GOLDEN_FROM_EXAMPLE, { from: '000.00.00.H06', messagetype: 'edoc' }).headers, {
      messagetype: 'edoc',
      from: '000.00.00.H06',
    });
    expect(out.data).toEqual({ maVanBanTruc: expect.stringMatching(UUID), trangThai: 'DA_GUI' });
  });
});

describe('cap-nhat-trang-thai: sendEdoc with messagetype status', () => {
  test("golden: the status file is accepted and goes to the document's sender", async () => {
    const res = await sendFile(GOLDEN_STATUS, { from: '000.00.00.H06', messagetype: 'status' });
    expect(json(res.data)).toEqual({ status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: expect.stringMatching(UUID) });
    const listed = json((await post('getReceivedEdocList', signed({ servicetype: 'eDoc', messagetype: 'status' }, VXP_VPCP))).data)[
      'data'
    ] as Array<Record<string, unknown>>;
    expect(listed.map((e) => e['docId'])).toContain(json(res.data)['DocId']);
  });

  test('the old shape (a bare envelope with a Status element) is refused', async () => {
    const unsigned = await post('sendEdoc', { 'Content-Type': 'application/xml', messagetype: 'status' }, LEGACY_STATUS);
    expect([unsigned.status, json(unsigned.data)]).toEqual([401, refusal('ED-401')]);
    const signedButOld = await sendFile(LEGACY_STATUS, { from: '000.00.00.H06', messagetype: 'status' });
    expect([signedButOld.status, json(signedButOld.data)]).toEqual([400, refusal('ED-400')]);
  });

  test("from the directory's example the gateway builds the golden status file's structure", async () => {
    const out = await golden.outbound(SERVICE, 'cap-nhat-trang-thai', example('cap-nhat-trang-thai'));
    expect(out.error).toBeUndefined();
    expect([out.request.method, out.request.path]).toEqual(['POST', '/edxml/1.0/sendEdoc']);
    const file = fileDocOf(out.request.body, out.request.headers['content-type'] ?? '') ?? '';
    expect(await xmlShape(file)).toEqual(await xmlShape(GOLDEN_STATUS));
    const header = messageHeader(await parseXml(file));
    expect(header).toMatchObject({
      StatusCode: '03',
      ResponseFor: {
        OrganId: '000.00.00.G22',
        Code: '1712/VPCP-KSTT',
        PromulgationDate: '2024/03/11',
        DocumentId: '000.00.00.G22,2024/03/11,1712/VPCP-KSTT',
      },
    });
    expect(String(header['Timestamp'])).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expectSignedLike(out.request, sendEdocRequest(GOLDEN_STATUS, { from: '000.00.00.H06', messagetype: 'status' }).headers, {
      messagetype: 'status',
      from: '000.00.00.H06',
    });
    expect(out.data).toEqual({ maVanBanTruc: expect.stringMatching(UUID), trangThai: 'DA_GUI' });
  });

  test('a ready-made status file is forwarded unchanged', async () => {
    const out = await golden.outbound(SERVICE, 'cap-nhat-trang-thai', { edXML: GOLDEN_STATUS });
    expect(fileDocOf(out.request.body, out.request.headers['content-type'] ?? '')).toBe(GOLDEN_STATUS);
    expect(out.request.headers['xroadvnpt-messagetype']).toBe('status');
  });
});

describe('nhan-van-ban and xac-nhan-van-ban: getReceivedEdocList, getEdoc, updateStatus', () => {
  let docId: string;
  const incoming = edocXml({
    fromOrganId: '000.00.00.G22',
    toOrganId: '000.05.00.H06',
    signature: true,
    attachmentType: 'application/zip',
    attachment: base64Lines(ZIP),
  });

  beforeAll(async () => {
    // The Government Office sends the province a document.
    docId = String(json((await sendFile(incoming, { from: '000.00.00.G22', messagetype: 'edoc' }, VXP_VPCP)).data)['DocId']);
  });

  test('golden: the list, then the file itself, then the acknowledgement', async () => {
    const list = json((await post('getReceivedEdocList', signed({ servicetype: 'eDoc', messagetype: 'edoc' }))).data);
    expect(list).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect((list['data'] as unknown[]).find((e) => (e as Record<string, unknown>)['docId'] === docId)).toEqual({
      docId,
      serviceType: 'eDoc',
      messageType: 'edoc',
      created_time: expect.any(String),
      updated_time: expect.any(String),
      from: '000.00.00.G22',
      to: '000.05.00.H06',
      status: 'initial',
      status_desc: expect.any(String),
    });
    const file = json((await post('getEdoc', signed({ docId }))).data);
    expect(Buffer.from(String(file['data']), 'base64').toString('utf8')).toBe(incoming);
  });

  test('the old shape (GET with an organId query, no signature) is not served', async () => {
    const res = await golden.mock(SERVICE).get('/edxml/1.0/getReceivedEdocList', { params: { organId: '000.00.00.H06' } });
    expect(res.status).toBe(404);
    const unsigned = await post('getReceivedEdocList', { 'Content-Type': 'application/json', servicetype: 'eDoc', messagetype: 'edoc' });
    expect([unsigned.status, json(unsigned.data)]).toEqual([401, refusal('ED-401')]);
  });

  test('the gateway lists, fetches each file and answers the documents as JSON, acknowledging nothing', async () => {
    const out = await golden.outbound(SERVICE, 'nhan-van-ban', { maDinhDanh: '000.05.00.H06', toiDa: 50 });
    expect(out.error).toBeUndefined();
    const [listCall, ...fetches] = out.requests;
    expect([listCall?.method, listCall?.path]).toEqual(['POST', '/edxml/1.0/getReceivedEdocList']);
    expectSignedLike(listCall as CapturedRequest, signed({ servicetype: 'eDoc', messagetype: 'edoc' }), {
      servicetype: 'eDoc',
      messagetype: 'edoc',
    });
    expect(fetches.length).toBeGreaterThanOrEqual(1);
    for (const fetch of fetches) {
      expect([fetch.method, fetch.path]).toEqual(['POST', '/edxml/1.0/getEdoc']);
      expectSignedLike(fetch, signed({ docId }), { docId: fetch.headers['docid'] ?? '' });
    }
    const data = out.data as { vanBan: Array<Record<string, unknown>>; conLai: number };
    expect(data.conLai).toBe(0);
    expect(data.vanBan.find((v) => v['maVanBanTruc'] === docId)).toEqual({
      maVanBanTruc: docId,
      loaiGoiTin: 'edoc',
      thoiDiemNhan: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/),
      maVanBan: '000.00.00.H06,2024/03/15,125/UBND-KSTT',
      noiGui: {
        maDinhDanh: '000.00.00.G22',
        ten: 'Ủy ban nhân dân tỉnh Bắc Giang',
        donViChuQuan: 'UBND tỉnh Bắc Giang',
        diaChi: 'Số 82 Hùng Vương, TP Bắc Giang',
        email: 'ubnd@bacgiang.gov.vn',
        dienThoai: '02043854535',
      },
      noiNhan: [
        { maDinhDanh: '000.05.00.H06', ten: 'Văn phòng Chính phủ', donViChuQuan: null, diaChi: null, email: null, dienThoai: null },
      ],
      soKyHieu: { so: '125', kyHieu: 'UBND-KSTT' },
      noiBanHanh: 'Bắc Giang',
      ngayBanHanh: '2024-03-15',
      loaiVanBan: { ma: 1, ten: 'Công văn' },
      trichYeu: 'Về việc báo cáo kết quả chuyển đổi số quý I năm 2024',
      noiDung: expect.any(String),
      nguoiKy: { thamQuyen: 'KT. CHỦ TỊCH', chucVu: 'PHÓ CHỦ TỊCH', hoTen: 'Phan Thế Tuấn' },
      hanXuLy: '2024-03-29',
      doKhan: 0,
      kieuChiDao: 0,
      traLoiVanBan: null,
      coChuKySo: true,
      tepDinhKem: [{ ten: '125-UBND-KSTT.pdf', kieu: 'application/zip', kichThuoc: ZIP.length }],
    });
    // Fetched, not acknowledged: still waiting at the axis.
    const again = await golden.outbound(SERVICE, 'nhan-van-ban', { maDinhDanh: '000.05.00.H06', toiDa: 50, kemEdXML: true });
    const same = (again.data as { vanBan: Array<Record<string, unknown>> }).vanBan.find((v) => v['maVanBanTruc'] === docId);
    expect(same?.['edXML']).toBe(incoming);
  });

  test("golden acknowledgement, the old shape, and the gateway's own", async () => {
    const unsigned = await post('updateStatus', { 'Content-Type': 'application/json', docId, status: 'done' });
    expect([unsigned.status, json(unsigned.data)]).toEqual([401, refusal('ED-401')]);
    const out = await golden.outbound(SERVICE, 'xac-nhan-van-ban', { maVanBanTruc: [docId] });
    expect(out.error).toBeUndefined();
    expect([out.request.method, out.request.path]).toEqual(['POST', '/edxml/1.0/updateStatus']);
    expectSignedLike(out.request, signed({ docId, status: 'done' }), { docId, status: 'done' });
    expect(out.data).toEqual({ soVanBan: 1, trangThai: 'DA_XAC_NHAN' });
    const list = json((await post('getReceivedEdocList', signed({ servicetype: 'eDoc', messagetype: 'edoc' }))).data)['data'] as Array<
      Record<string, unknown>
    >;
    expect(list.map((e) => e['docId'])).not.toContain(docId);
    // The golden acknowledgement of a file already done is still OK (the receipt is simply kept).
    expect(json((await post('updateStatus', signed({ docId, status: 'done' }))).data)).toEqual({
      status: 'OK',
      ErrorCode: '0',
      ErrorDesc: '',
    });
  });
});

describe('vxp-hmac credentials at the gateway', () => {
  const LIST: OutboundRequest = {
    method: 'POST',
    path: '/getReceivedEdocList',
    headers: { servicetype: 'eDoc', messagetype: 'edoc', 'Content-Type': 'application/json', Accept: 'application/json' },
  };
  const send = async (auth: ProviderAuth) => {
    const conn = golden.gateway.catalog.getConnection(SERVICE);
    const res = await new HttpTransport(createHttpClient(), new Map([['vxp-hmac', auth]])).send(conn, LIST, {
      requestId: 'golden-credentials',
      signal: new AbortController().signal,
    });
    const ctx = {
      connection: conn,
      connector: golden.gateway.catalog.getConnector(SERVICE),
      wire: { protocol: 'edxml', operation: 'getReceivedEdocList' } as const,
      province: { name: 'UBND tỉnh Bắc Giang', agencyCode: '000.00.00.H06' },
      options: {},
    };
    return { res, decoded: edxmlAdapter.decode(res, ctx) };
  };
  const counting = (clock: () => Date) => {
    let signed = 0;
    return {
      now: () => {
        signed += 1;
        return clock();
      },
      signed: () => signed,
    };
  };

  test('a wrong secret: 401 ED-401, not signed again, a provider error that retrying will not cure', async () => {
    const clock = counting(() => new Date());
    const { res, decoded } = await send(vxpHmacAuth({ systemId: VXP_DEV.systemId, secret: 'not-the-secret' }, clock.now));
    expect([res.status, json(res.body)]).toEqual([401, refusal('ED-401')]);
    expect(clock.signed()).toBe(1);
    await expect(decoded).rejects.toMatchObject({ type: 'Server.Provider.Error', providerCode: 'ED-401', retryable: false });
  });

  test('an unknown systemid: 403 ED-403', async () => {
    const { res, decoded } = await send(vxpHmacAuth({ systemId: '000.00.00.H99', secret: VXP_DEV.secret }));
    expect([res.status, json(res.body)]).toEqual([403, refusal('ED-403')]);
    await expect(decoded).rejects.toMatchObject({ providerCode: 'ED-403', retryable: false });
  });

  test('a stale timestamp: 401 ED-408, signed again with a fresh one, then accepted', async () => {
    let first = true;
    const clock = counting(() => {
      const at = first ? new Date(Date.now() - 15 * 60_000) : new Date();
      first = false;
      return at;
    });
    const { res, decoded } = await send(vxpHmacAuth({ systemId: VXP_DEV.systemId, secret: VXP_DEV.secret }, clock.now));
    expect(clock.signed()).toBe(2);
    expect(res.status).toBe(200);
    await expect(decoded).resolves.toMatchObject({ status: 'OK', ErrorCode: '0' });
  });
});
