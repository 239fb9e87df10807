import axios from 'axios';
import request from 'supertest';
import { sdkHeaders, sendEdocRequest, VXP_VPCP } from '../mocks/support/vxp-client';
import { edocXml, legacyEnvelopeXml, statusXml } from '../mocks/support/wire-builders';
import { base64Lines, zipOne } from '../mocks/support/zip-one';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

/**
 * The document axis through the gateway's HTTP API, as the province's document system (qlvb)
 * uses it: ready-made edXML files in, documents and status messages out, receipts confirmed.
 */
const SERVICE = 'truc-lien-thong-van-ban';
const ZIP = zipOne('ke-hoach-cds-2024.pdf', Buffer.from('%PDF-1.4\nKế hoạch chuyển đổi số năm 2024 của tỉnh Bắc Giang\n%%EOF\n'));
/** A document as the axis SDK writes it: XML-DSig signature, zipped attachment, base64 in CRLF lines. */
const SDK_DOCUMENT = edocXml({ signature: true, attachmentType: 'application/zip', attachment: base64Lines(ZIP) });

let stack: TestStack;
let auth: string;

beforeAll(async () => {
  stack = await startTestStack('edxml-axis', { workers: true });
  auth = `Bearer ${await stack.token('qlvb')}`;
});

afterAll(async () => {
  await stack?.close();
});

const api = (operation: string) => request(stack.gateway.app).post(`/api/v1/services/${SERVICE}/${operation}`).set('Authorization', auth);
const axis = (op: string, headers: Record<string, string>, body?: string) =>
  axios.post(`${stack.ngspUrl}/edxml/1.0/${op}`, body, { headers });

async function completed(jobId: string): Promise<Record<string, unknown>> {
  return waitUntil(
    'the job completes',
    async () => {
      const res = await request(stack.gateway.app).get(`/api/v1/jobs/${jobId}`).set('Authorization', auth);
      if (res.body.status === 'failed') throw new Error(`job failed: ${JSON.stringify(res.body.error)}`);
      // The job view reads the job, then its state: a job finishing in between shows `completed` without its result yet.
      return res.body.status === 'completed' && res.body.result ? (res.body.result as Record<string, unknown>) : undefined;
    },
    { timeoutMs: 15_000 },
  );
}

/** The file as the Government Office's system downloads it from the axis. */
async function downloadedByVpcp(docId: string): Promise<string> {
  const res = await axis('getEdoc', sdkHeaders({ 'Content-Type': 'application/json', docId }, VXP_VPCP));
  return Buffer.from(String(res.data.data), 'base64').toString('utf8');
}

test('a document as the axis SDK writes it, sent as application/xml to gui-van-ban, is delivered and comes out of getEdoc unchanged', async () => {
  const res = await api('gui-van-ban').set('Content-Type', 'application/xml').set('Idempotency-Key', 'sdk-document-1').send(SDK_DOCUMENT);
  expect(res.status).toBe(202);
  const result = await completed(res.body.jobId);
  expect(result).toEqual({ maVanBanTruc: expect.stringMatching(/^[0-9a-f-]{36}$/), trangThai: 'DA_GUI' });
  expect(await downloadedByVpcp(String(result['maVanBanTruc']))).toBe(SDK_DOCUMENT);
});

test('the same file as {"edXML": …} JSON is delivered unchanged too', async () => {
  const res = await api('gui-van-ban').send({ edXML: SDK_DOCUMENT });
  expect(res.status).toBe(202);
  expect(await downloadedByVpcp(String((await completed(res.body.jobId))['maVanBanTruc']))).toBe(SDK_DOCUMENT);
});

test("a ready-made status file sent as application/xml to cap-nhat-trang-thai is delivered to the document's sender", async () => {
  const file = statusXml('05');
  const res = await api('cap-nhat-trang-thai').set('Content-Type', 'application/xml').send(file);
  expect(res.status).toBe(202);
  const docId = String((await completed(res.body.jobId))['maVanBanTruc']);
  const listed = await axis(
    'getReceivedEdocList',
    sdkHeaders({ 'Content-Type': 'application/json', servicetype: 'eDoc', messagetype: 'status' }, VXP_VPCP),
  );
  expect((listed.data.data as Array<{ docId: string }>).map((e) => e.docId)).toContain(docId);
  expect(await downloadedByVpcp(docId)).toBe(file);
});

test('refused before anything is queued: a DOCTYPE, the old bare envelope, a status file sent as a document', async () => {
  const before = (await stack.journal(SERVICE)).total;
  const hostile = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${SDK_DOCUMENT.replace(/^<\?xml[^>]*>/, '')}`;
  for (const [operation, xml] of [
    ['gui-van-ban', hostile],
    ['gui-van-ban', legacyEnvelopeXml()],
    ['gui-van-ban', statusXml('03')],
    ['cap-nhat-trang-thai', SDK_DOCUMENT],
  ] as const) {
    const res = await api(operation).set('Content-Type', 'application/xml').send(xml);
    expect([operation, res.status, res.body.type]).toEqual([operation, 400, 'Client.BadRequest']);
  }
  expect((await stack.journal(SERVICE)).total).toBe(before);
});

test('nhan-van-ban hands over received documents with their metadata and attachments; they come again until xac-nhan-van-ban confirms them', async () => {
  const incoming = edocXml({
    fromOrganId: '000.00.00.G22',
    toOrganId: '000.05.00.H06',
    signature: true,
    attachmentType: 'application/zip',
    attachment: base64Lines(ZIP),
  });
  const sent = sendEdocRequest(incoming, { from: '000.00.00.G22', messagetype: 'edoc' }, VXP_VPCP);
  const docId = String((await axis('sendEdoc', sent.headers, sent.body)).data.DocId);

  const first = await api('nhan-van-ban').send({ maDinhDanh: '000.05.00.H06', toiDa: 50 });
  expect(first.status).toBe(200);
  // Several round trips (the list, then each file), one call: one connection-log record, their bytes summed.
  const records = (await stack.exchanges(SERVICE)).filter((r) => r.requestId === first.headers['x-request-id']);
  expect(records).toEqual([expect.objectContaining({ operationId: 'nhan-van-ban', outcome: 'success', httpStatus: 200 })]);
  expect(records[0]?.responseBytes).toBeGreaterThan(Buffer.byteLength(incoming));
  const journal = (await stack.journal(SERVICE)).items.filter((i) =>
    String(i['requestId']).startsWith(String(first.headers['x-request-id'])),
  );
  expect(journal.length).toBe(1 + (first.body.data.vanBan as unknown[]).length);
  const doc = (first.body.data.vanBan as Array<Record<string, unknown>>).find((v) => v['maVanBanTruc'] === docId);
  expect(doc).toMatchObject({
    loaiGoiTin: 'edoc',
    maVanBan: '000.00.00.H06,2024/03/15,125/UBND-KSTT',
    noiGui: { maDinhDanh: '000.00.00.G22' },
    noiNhan: [{ maDinhDanh: '000.05.00.H06' }],
    soKyHieu: { so: '125', kyHieu: 'UBND-KSTT' },
    ngayBanHanh: '2024-03-15',
    loaiVanBan: { ma: 1, ten: 'Công văn' },
    trichYeu: 'Về việc báo cáo kết quả chuyển đổi số quý I năm 2024',
    nguoiKy: { hoTen: 'Phan Thế Tuấn' },
    coChuKySo: true,
    tepDinhKem: [{ ten: '125-UBND-KSTT.pdf', kieu: 'application/zip', kichThuoc: ZIP.length }],
  });
  expect(doc).not.toHaveProperty('edXML');

  const again = await api('nhan-van-ban').send({ maDinhDanh: '000.05.00.H06', toiDa: 50, kemEdXML: true });
  const same = (again.body.data.vanBan as Array<Record<string, unknown>>).find((v) => v['maVanBanTruc'] === docId);
  expect(same?.['edXML']).toBe(incoming);

  const confirmed = await api('xac-nhan-van-ban').send({ maVanBanTruc: [docId] });
  expect([confirmed.status, confirmed.body.data]).toEqual([200, { soVanBan: 1, trangThai: 'DA_XAC_NHAN' }]);
  const after = await api('nhan-van-ban').send({ maDinhDanh: '000.05.00.H06', toiDa: 50 });
  expect((after.body.data.vanBan as Array<Record<string, unknown>>).map((v) => v['maVanBanTruc'])).not.toContain(docId);
});

test('status messages addressed to the province are received too', async () => {
  const report = `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>000.00.00.G22</OrganId><OrganName>Văn phòng Chính phủ</OrganName></From>
<ResponseFor><OrganId>000.00.00.H06</OrganId><Code>125/UBND-KSTT</Code><PromulgationDate>2024/03/15</PromulgationDate><DocumentId>000.00.00.H06,2024/03/15,125/UBND-KSTT</DocumentId></ResponseFor>
<StatusCode>06</StatusCode><Description>Đã xử lý xong</Description><Timestamp>2024/03/20 16:00:00</Timestamp>
</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;
  const sent = sendEdocRequest(report, { from: '000.00.00.G22', messagetype: 'status' }, VXP_VPCP);
  const docId = String((await axis('sendEdoc', sent.headers, sent.body)).data.DocId);
  const res = await api('nhan-van-ban').send({ loaiGoiTin: 'status', toiDa: 50 });
  expect((res.body.data.vanBan as Array<Record<string, unknown>>).find((v) => v['maVanBanTruc'] === docId)).toEqual({
    maVanBanTruc: docId,
    loaiGoiTin: 'status',
    thoiDiemNhan: expect.any(String),
    noiGui: { maDinhDanh: '000.00.00.G22', ten: 'Văn phòng Chính phủ', donViChuQuan: null, diaChi: null, email: null, dienThoai: null },
    maVanBan: '000.00.00.H06,2024/03/15,125/UBND-KSTT',
    noiGuiVanBan: '000.00.00.H06',
    soKyHieu: '125/UBND-KSTT',
    ngayBanHanh: '2024-03-15',
    trangThai: '06',
    moTa: 'Đã xử lý xong',
    thoiDiem: '2024-03-20T16:00:00+07:00',
    canBo: null,
  });
});
