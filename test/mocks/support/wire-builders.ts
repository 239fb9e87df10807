import { EDXML_NS } from '../../../mocks/protocols/edxml';

/** A SOAP 1.1 request with the operation in namespace `ns` under an arbitrary prefix. */
export function soapRequest(ns: string, operation: string, fields: Record<string, string>, prefix = 'q'): string {
  const inner = Object.entries(fields).map(([k, v]) => `<${prefix}:${k}>${v}</${prefix}:${k}>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>`
    + `<${prefix}:${operation} xmlns:${prefix}="${ns}">${inner}</${prefix}:${operation}></env:Body></env:Envelope>`;
}

export interface EdocOptions {
  readonly namespace?: string;
  /** Element names to leave out (From, To, DocumentId, Code, Subject). */
  readonly omit?: readonly string[];
  readonly attachment?: string;
  readonly toOrganId?: string;
}

const part = (name: string, omit: readonly string[], xml: string): string => (omit.includes(name) ? '' : xml);

/** An edXML document envelope (QCVN 102:2016) with one base64 attachment. */
export function edocXml(opts: EdocOptions = {}): string {
  const omit = opts.omit ?? [];
  const ns = opts.namespace ?? EDXML_NS;
  const attachment = opts.attachment ?? Buffer.from('%PDF-1.4 công văn mẫu').toString('base64');
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="${ns}">
  <edXML:edXMLHeader>
    <edXML:MessageHeader>
      ${part('From', omit, '<edXML:From><edXML:OrganId>000.00.00.H06</edXML:OrganId><edXML:OrganName>Ủy ban nhân dân tỉnh Bắc Giang</edXML:OrganName></edXML:From>')}
      ${part('To', omit, `<edXML:To><edXML:OrganId>${opts.toOrganId ?? '000.00.00.G22'}</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:To>`)}
      ${part('DocumentId', omit, '<edXML:DocumentId>000.00.00.H06,2024/03/15,125/UBND-KSTT</edXML:DocumentId>')}
      ${part('Code', omit, '<edXML:Code><edXML:CodeNumber>125</edXML:CodeNumber><edXML:CodeNotation>UBND-KSTT</edXML:CodeNotation></edXML:Code>')}
      <edXML:PromulgationInfo><edXML:Place>Bắc Giang</edXML:Place><edXML:PromulgationDate>2024-03-15</edXML:PromulgationDate></edXML:PromulgationInfo>
      <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
      ${part('Subject', omit, '<edXML:Subject>Về việc báo cáo kết quả chuyển đổi số quý I năm 2024</edXML:Subject>')}
      <edXML:SignerInfo><edXML:Competence>KT. CHỦ TỊCH</edXML:Competence><edXML:Position>PHÓ CHỦ TỊCH</edXML:Position><edXML:FullName>Phan Thế Tuấn</edXML:FullName></edXML:SignerInfo>
      <edXML:OtherInfo><edXML:Priority>0</edXML:Priority></edXML:OtherInfo>
      <edXML:SteeringType>0</edXML:SteeringType>
    </edXML:MessageHeader>
    <edXML:TraceHeaderList/>
    <edXML:Signature/>
  </edXML:edXMLHeader>
  <edXML:edXMLBody><edXML:edXMLManifest><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType><edXML:Description>Công văn</edXML:Description><edXML:AttachmentName>125-UBND-KSTT.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>
  <edXML:AttachmentEncoded><edXML:Attachment><edXML:ContentId>cid:1</edXML:ContentId><edXML:AttachmentName>125-UBND-KSTT.pdf</edXML:AttachmentName><edXML:ContentType>application/pdf</edXML:ContentType><edXML:ContentTransferEncoded>base64</edXML:ContentTransferEncoded><edXML:AttachmentText>${attachment}</edXML:AttachmentText></edXML:Attachment></edXML:AttachmentEncoded>
</edXML:edXMLEnvelope>`;
}

/** An edXML status envelope for a document. */
export function statusXml(statusCode = '03'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXMLEnvelope xmlns="${EDXML_NS}"><edXMLHeader><Status>
  <ResponseFor><OrganId>000.00.00.G22</OrganId><Code>1712/VPCP-KSTT</Code><PromulgationDate>2024-03-11</PromulgationDate><DocumentId>000.00.00.G22,2024/03/11,1712/VPCP-KSTT</DocumentId></ResponseFor>
  <From><OrganId>000.00.00.H06</OrganId><OrganName>Ủy ban nhân dân tỉnh Bắc Giang</OrganName></From>
  <StatusCode>${statusCode}</StatusCode><Description>Đã tiếp nhận</Description><Timestamp>20240315100000</Timestamp>
</Status></edXMLHeader></edXMLEnvelope>`;
}
