import { checkEdxmlFile, child, senderOf } from '../../connectors/edxml-check';
import { buildDocumentFile, buildStatusFile, documentDescription, isStrictBase64, statusInput } from '../../connectors/edxml-document';
import { parseXml } from '../../src/xml/safe-xml';
import { edocXml, legacyEnvelopeXml, statusXml } from '../mocks/support/wire-builders';

/** The element reached by a path of child names. */
const at = (node: unknown, ...path: string[]): Record<string, unknown> | undefined =>
  path.reduce<Record<string, unknown> | undefined>((n, name) => child(n, name), node as Record<string, unknown>);
const lines = (data: string): string => data.match(/.{1,76}/g)?.join('\r\n') ?? data;

test('strict base64: padding only at the end, whole quads only', () => {
  expect(isStrictBase64('QUJD')).toBe(true);
  expect(isStrictBase64('QUI=')).toBe(true);
  expect(isStrictBase64('QQ==')).toBe(true);
  expect(isStrictBase64('QQ=')).toBe(false);
  expect(isStrictBase64('Q===')).toBe(false);
  expect(isStrictBase64('QU=D')).toBe(false);
  expect(isStrictBase64('QU!D')).toBe(false);
});

test('a ready-made file with a 10 MB attachment broken into lines is checked (a grouped base64 regex overflowed here)', async () => {
  const attachment = Buffer.alloc(7_500_000, 7).toString('base64');
  await expect(checkEdxmlFile(edocXml({ attachment: `\r\n${lines(attachment)}\r\n`, signature: true }), 'edoc')).resolves.toBeUndefined();
  await expect(checkEdxmlFile(edocXml({ attachment: `${attachment.slice(0, -4)}!!!!` }), 'edoc')).rejects.toMatchObject({
    type: 'Client.BadRequest',
  });
});

test('refused: DOCTYPE, not well-formed, another namespace, the old bare edXMLEnvelope root, a dash date, the wrong kind', async () => {
  const cases: Array<[string, 'edoc' | 'status', RegExp]> = [
    [
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${edocXml().replace(/^<\?xml[^>]*>/, '')}`,
      'edoc',
      /DOCTYPE/,
    ],
    [edocXml().slice(0, 600), 'edoc', /well-formed/],
    [edocXml({ namespace: 'urn:other' }), 'edoc', /namespace/],
    [legacyEnvelopeXml(), 'edoc', /<edXML>/],
    [edocXml({ promulgationDate: '2024-03-15' }), 'edoc', /yyyy\/MM\/dd/],
    [edocXml({ omit: ['DocumentId', 'Subject'] }), 'edoc', /DocumentId, Subject/],
    [statusXml('03'), 'edoc', /status message/],
    [edocXml(), 'status', /not a status message/],
    [statusXml('99'), 'status', /StatusCode 99/],
    [statusXml('03', { timestamp: '20240315100000' }), 'status', /Timestamp/],
  ];
  for (const [xml, kind, message] of cases) {
    await expect(checkEdxmlFile(xml, kind)).rejects.toMatchObject({ type: 'Client.BadRequest', message: expect.stringMatching(message) });
  }
  await expect(checkEdxmlFile(statusXml('05'), 'status')).resolves.toBeUndefined();
});

test('the sender of a ready-made file is read from its head, prefixed or not', () => {
  expect(senderOf(edocXml({ fromOrganId: '000.05.00.H06' }))).toBe('000.05.00.H06');
  expect(senderOf(statusXml('03'))).toBe('000.00.00.H06');
  expect(senderOf('<edXML/>')).toBeUndefined();
});

test('the sender is read by sax, not a lazy regex: a head of 6,000 empty <From> elements (400 ms before) is read at once', () => {
  const started = Date.now();
  expect(senderOf(`<edXML>${'<From></From>'.repeat(6000)}<From><OrganId>000.00.00.H06</OrganId></From></edXML>`)).toBeUndefined();
  expect(
    senderOf(`<edXML>${'<From></From>'.repeat(100)}<e:From xmlns:e="urn:x"><e:OrganId> 000.00.00.H06 </e:OrganId></e:From></edXML>`),
  ).toBe('000.00.00.H06');
  expect(Date.now() - started).toBeLessThan(3000);
});

const DOCUMENT = documentDescription.parse({
  noiGui: { maDinhDanh: '000.00.00.H06', ten: 'UBND tỉnh Bắc Giang' },
  noiNhan: [{ maDinhDanh: '000.00.00.G22', ten: 'Văn phòng Chính phủ' }],
  soKyHieu: { so: '125', kyHieu: 'UBND-VP' },
  noiBanHanh: 'Bắc Giang',
  ngayBanHanh: '2024-03-15',
  loaiVanBan: { ma: 1, ten: 'Công văn' },
  trichYeu: 'Báo cáo',
  nguoiKy: { thamQuyen: 'KT. CHỦ TỊCH', chucVu: 'Phó Chủ tịch', hoTen: 'Phan Thế Tuấn' },
  hanXuLy: '2024-03-29',
  tepDinhKem: [{ ten: 'a.txt', kieu: 'text/plain', noiDungBase64: 'QUJD' }],
});

test('from JSON: an <edXML> file with yyyy/MM/dd dates, a DocumentId of OrganId,date,Số/KýHiệu and the attachment beside the envelope', async () => {
  const file = buildDocumentFile(DOCUMENT, new Date('2024-03-15T01:30:00Z'));
  await expect(checkEdxmlFile(file, 'edoc')).resolves.toBeUndefined();
  const tree = child(await parseXml(file), 'edXML');
  const header = at(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader');
  expect(header).toMatchObject({
    DocumentId: '000.00.00.H06,2024/03/15,125/UBND-VP',
    PromulgationInfo: { PromulgationDate: '2024/03/15' },
    DueDate: '2024/03/29',
    ResponseFor: { OrganId: '', DocumentId: '' },
  });
  expect(at(tree, 'edXMLEnvelope', 'edXMLHeader', 'TraceHeaderList', 'TraceHeader')?.['Timestamp']).toBe('2024/03/15 08:30:00');
  const attachment = at(tree, 'AttachmentEncoded', 'Attachment');
  expect(attachment).toMatchObject({ AttachmentName: 'a.txt', ContentTransferEncoded: 'QUJD', ContentId: expect.stringMatching(/^cid:/) });
  expect(at(tree, 'edXMLEnvelope', 'edXMLBody', 'edXMLManifest', 'Reference')?.['ContentId']).toBe(attachment?.['ContentId']);
});

test('a status message from JSON sits in the MessageHeader: From, ResponseFor, StaffInfo, StatusCode, Description, Timestamp', async () => {
  const status = statusInput.parse({
    maVanBan: '000.00.00.G22,2024/03/11,1712/VPCP-KSTT',
    noiGuiVanBan: '000.00.00.G22',
    soKyHieu: '1712/VPCP-KSTT',
    ngayBanHanh: '2024-03-11',
    trangThai: '03',
    moTa: 'Đã tiếp nhận',
    thoiDiem: '2024-03-15T10:00:00+07:00',
    canBo: { hoTen: 'Nguyễn Thị Lan' },
  });
  const file = buildStatusFile(status, { agencyCode: '000.00.00.H06', name: 'UBND tỉnh Bắc Giang' }, new Date());
  await expect(checkEdxmlFile(file, 'status')).resolves.toBeUndefined();
  const header = at(await parseXml(file), 'edXML', 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader') ?? {};
  expect(Object.keys(header)).toEqual(['From', 'ResponseFor', 'StaffInfo', 'StatusCode', 'Description', 'Timestamp']);
  expect(header).toMatchObject({
    StatusCode: '03',
    Timestamp: '2024/03/15 10:00:00',
    ResponseFor: { PromulgationDate: '2024/03/11' },
    From: { OrganId: '000.00.00.H06' },
  });
});
