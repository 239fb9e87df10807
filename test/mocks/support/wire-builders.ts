import { EDXML_NS } from '../../../mocks/protocols/edxml';

/** A SOAP 1.1 request with the operation in namespace `ns` under an arbitrary prefix. */
export function soapRequest(ns: string, operation: string, fields: Record<string, string>, prefix = 'q'): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${prefix}:${k}>${v}</${prefix}:${k}>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>` +
    `<${prefix}:${operation} xmlns:${prefix}="${ns}">${inner}</${prefix}:${operation}></env:Body></env:Envelope>`
  );
}

export interface EdocOptions {
  readonly namespace?: string;
  /** Element names to leave out (From, To, DocumentId, Code, Subject). */
  readonly omit?: readonly string[];
  /** The attachment's base64, as it goes into ContentTransferEncoded (line breaks allowed). */
  readonly attachment?: string;
  readonly attachmentType?: string;
  readonly fromOrganId?: string;
  readonly toOrganId?: string;
  readonly promulgationDate?: string;
  /** An XML-DSig `Signature` block in the header, as signing document systems write it. */
  readonly signature?: boolean;
}

const part = (name: string, omit: readonly string[], xml: string): string => (omit.includes(name) ? '' : xml);

/** An XML-DSig block (RSA-SHA1 over the enveloped document), as the SDK's example documents carry one. */
export const DSIG_BLOCK = `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
	<SignedInfo>
		<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315" />
		<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1" />
		<Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature" /></Transforms>
		<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1" /><DigestValue>q8vP7Zr2m1nLxO0c3WbH4dS6tYk=</DigestValue></Reference>
	</SignedInfo>
	<SignatureValue>Lw3mZ0b7oTn2q9eV1cXr5Yh8kJ4sU6aP0dF3gH2jK9lM1nB5vC7xZ8qW4eR6tY2u
I0oP3aS5dF7gH9jK1lZ3xC5vB7nM9qW2eR4tY6uI8oP0aS2dF4gH6jK8lZ0xC2v=</SignatureValue>
	<KeyInfo><X509Data><X509SubjectName>CN=UBND tinh Bac Giang, O=UBND tinh Bac Giang, C=VN</X509SubjectName>
	<X509Certificate>MIIBszCCAVmgAwIBAgIUQmFjR2lhbmdMR1NQR29sZGVuMAoGCCqGSM49BAMCMBQx
EjAQBgNVBAMMCUJhYyBHaWFuZzAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAw</X509Certificate></X509Data></KeyInfo>
</Signature>`;

/**
 * An edXML document file (QCVN 102:2016) laid out as the axis SDK writes one: `<edXML>` root in
 * the default namespace, the envelope under the `edXML:` prefix, the attachment beside the
 * envelope in the default namespace with a prefixed `ContentTransferEncoded`.
 */
export function edocXml(opts: EdocOptions = {}): string {
  const omit = opts.omit ?? [];
  const ns = opts.namespace ?? EDXML_NS;
  const attachment = opts.attachment ?? Buffer.from('%PDF-1.4 công văn mẫu').toString('base64');
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${ns}">
  <edXML:edXMLEnvelope xmlns:edXML="${ns}">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        ${part('From', omit, `<edXML:From><edXML:OrganId>${opts.fromOrganId ?? '000.00.00.H06'}</edXML:OrganId><edXML:OrganizationInCharge>UBND tỉnh Bắc Giang</edXML:OrganizationInCharge><edXML:OrganName>Ủy ban nhân dân tỉnh Bắc Giang</edXML:OrganName><edXML:OrganAdd>Số 82 Hùng Vương, TP Bắc Giang</edXML:OrganAdd><edXML:Email>ubnd@bacgiang.gov.vn</edXML:Email><edXML:Telephone>02043854535</edXML:Telephone></edXML:From>`)}
        ${part('To', omit, `<edXML:To><edXML:OrganId>${opts.toOrganId ?? '000.00.00.G22'}</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:To>`)}
        ${part('DocumentId', omit, '<edXML:DocumentId>000.00.00.H06,2024/03/15,125/UBND-KSTT</edXML:DocumentId>')}
        ${part('Code', omit, '<edXML:Code><edXML:CodeNumber>125</edXML:CodeNumber><edXML:CodeNotation>UBND-KSTT</edXML:CodeNotation></edXML:Code>')}
        <edXML:PromulgationInfo><edXML:Place>Bắc Giang</edXML:Place><edXML:PromulgationDate>${opts.promulgationDate ?? '2024/03/15'}</edXML:PromulgationDate></edXML:PromulgationInfo>
        <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
        ${part('Subject', omit, '<edXML:Subject>Về việc báo cáo kết quả chuyển đổi số quý I năm 2024</edXML:Subject>')}
        <edXML:Content>Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả chuyển đổi số quý I năm 2024.</edXML:Content>
        <edXML:SignerInfo><edXML:Competence>KT. CHỦ TỊCH</edXML:Competence><edXML:Position>PHÓ CHỦ TỊCH</edXML:Position><edXML:FullName>Phan Thế Tuấn</edXML:FullName></edXML:SignerInfo>
        <edXML:DueDate>2024/03/29</edXML:DueDate>
        <edXML:ToPlaces><edXML:Place>Văn phòng Chính phủ</edXML:Place></edXML:ToPlaces>
        <edXML:OtherInfo><edXML:Priority>0</edXML:Priority><edXML:SphereOfPromulgation>Lưu hành nội bộ</edXML:SphereOfPromulgation><edXML:PageAmount>2</edXML:PageAmount></edXML:OtherInfo>
        <edXML:ResponseFor><edXML:OrganId></edXML:OrganId><edXML:Code></edXML:Code><edXML:PromulgationDate></edXML:PromulgationDate><edXML:DocumentId></edXML:DocumentId></edXML:ResponseFor>
        <edXML:SteeringType>0</edXML:SteeringType>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:Timestamp>2024/03/15 08:30:00</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>
      ${opts.signature ? DSIG_BLOCK : ''}
    </edXML:edXMLHeader>
    <edXML:edXMLBody><edXML:edXMLManifest version="1.0"><edXML:Reference><edXML:ContentId>cid:7d1f5c2e-1b7a-4c1e-9a55-3f0b1c2d4e6f</edXML:ContentId><edXML:ContentType>${opts.attachmentType ?? 'application/pdf'}</edXML:ContentType><edXML:AttachmentName>125-UBND-KSTT.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded>
    <Attachment>
      <ContentId>cid:7d1f5c2e-1b7a-4c1e-9a55-3f0b1c2d4e6f</ContentId>
      <AttachmentName>125-UBND-KSTT.pdf</AttachmentName>
      <ContentType>${opts.attachmentType ?? 'application/pdf'}</ContentType>
      <edXML:ContentTransferEncoded xmlns:edXML="${ns}">${attachment}</edXML:ContentTransferEncoded>
    </Attachment>
  </AttachmentEncoded>
</edXML>`;
}

/** A status message file: the same `<edXML>` root, its MessageHeader holding the status (default namespace, no prefix). */
export function statusXml(statusCode = '03', opts: { timestamp?: string; fromOrganId?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>
  <From><OrganId>${opts.fromOrganId ?? '000.00.00.H06'}</OrganId><OrganName>Ủy ban nhân dân tỉnh Bắc Giang</OrganName></From>
  <ResponseFor><OrganId>000.00.00.G22</OrganId><Code>1712/VPCP-KSTT</Code><PromulgationDate>2024/03/11</PromulgationDate><DocumentId>000.00.00.G22,2024/03/11,1712/VPCP-KSTT</DocumentId></ResponseFor>
  <StaffInfo><Department>Văn phòng UBND tỉnh</Department><Staff>Nguyễn Thị Lan</Staff><Mobile>0912345678</Mobile><Email>lannt@bacgiang.gov.vn</Email></StaffInfo>
  <StatusCode>${statusCode}</StatusCode><Description>Đã tiếp nhận</Description><Timestamp>${opts.timestamp ?? '2024/03/15 10:00:00'}</Timestamp>
</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;
}

/** The gateway's former invented shape: a bare `edXMLEnvelope` root with the attachment inside it, posted as application/xml. */
export function legacyEnvelopeXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:OrganName>Ủy ban nhân dân tỉnh Bắc Giang</edXML:OrganName></edXML:From>
<edXML:To><edXML:OrganId>000.00.00.G22</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:To>
<edXML:DocumentId>000.00.00.H06,2024/03/15,125/UBND-KSTT</edXML:DocumentId><edXML:Code><edXML:CodeNumber>125</edXML:CodeNumber><edXML:CodeNotation>UBND-KSTT</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Bắc Giang</edXML:Place><edXML:PromulgationDate>2024-03-15</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:Subject>Về việc báo cáo kết quả chuyển đổi số quý I năm 2024</edXML:Subject></edXML:MessageHeader><edXML:TraceHeaderList/><edXML:Signature/></edXML:edXMLHeader>
<edXML:AttachmentEncoded><edXML:Attachment><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentTransferEncoded>base64</edXML:ContentTransferEncoded><edXML:AttachmentText>JVBERi0xLjQ=</edXML:AttachmentText></edXML:Attachment></edXML:AttachmentEncoded>
</edXML:edXMLEnvelope>`;
}
