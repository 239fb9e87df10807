import { CENTRAL_ORGANS, PROVINCIAL_ORGANS } from './organs';
import type { ReceivedDocument } from './records';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

const ORGANS = [...CENTRAL_ORGANS, ...PROVINCIAL_ORGANS];

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, value: string): string => `<edXML:${name}>${escapeXml(value)}</edXML:${name}>`;
const organName = (id: string): string => ORGANS.find((o) => o.OrganId === id)?.OrganName ?? id;

/** `yyyyMMddHHmmss` → `yyyy/MM/dd HH:mm:ss`, the edXML timestamp. */
export function edxmlTime(dvcqg: string): string {
  return `${dvcqg.slice(0, 4)}/${dvcqg.slice(4, 6)}/${dvcqg.slice(6, 8)} ${dvcqg.slice(8, 10)}:${dvcqg.slice(10, 12)}:${dvcqg.slice(12, 14)}`;
}

/**
 * The edXML file of a seeded document, laid out as the axis SDK writes one: `<edXML>` root in
 * the default namespace, the envelope prefixed, the attachment beside it with its base64 in
 * lines. Built when a receiver first downloads it.
 */
export function seededEdxmlFile(doc: ReceivedDocument): string {
  const day = doc.DocId.split(',')[1] ?? '';
  const attachment = Buffer.from(`%PDF-1.4\nCông văn số ${doc.CodeNumber}/${doc.CodeNotation}: ${doc.Subject}\n%%EOF\n`).toString('base64');
  const lines = attachment.match(/.{1,76}/g)?.join('\r\n') ?? attachment;
  const name = `${doc.CodeNumber}-${doc.CodeNotation}.pdf`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NS}">
  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        <edXML:From>${el('OrganId', doc.From)}${el('OrganName', organName(doc.From))}</edXML:From>
        <edXML:To>${el('OrganId', doc.ToOrganId)}${el('OrganName', organName(doc.ToOrganId))}</edXML:To>
        ${el('DocumentId', doc.DocId)}
        <edXML:Code>${el('CodeNumber', doc.CodeNumber)}${el('CodeNotation', doc.CodeNotation)}</edXML:Code>
        <edXML:PromulgationInfo>${el('Place', 'Hà Nội')}${el('PromulgationDate', day)}</edXML:PromulgationInfo>
        <edXML:DocumentType>${el('Type', '1')}${el('TypeName', 'Công văn')}</edXML:DocumentType>
        ${el('Subject', doc.Subject)}
        <edXML:SignerInfo>${el('Competence', 'KT. BỘ TRƯỞNG')}${el('Position', 'Thứ trưởng')}${el('FullName', 'Nguyễn Văn Hùng')}</edXML:SignerInfo>
        <edXML:OtherInfo>${el('Priority', '0')}${el('PageAmount', '1')}</edXML:OtherInfo>
        <edXML:ResponseFor><edXML:OrganId/><edXML:Code/><edXML:PromulgationDate/><edXML:DocumentId/></edXML:ResponseFor>
        ${el('SteeringType', '0')}
      </edXML:MessageHeader>
      <edXML:TraceHeaderList><edXML:TraceHeader>${el('OrganId', doc.From)}${el('Timestamp', edxmlTime(doc.ReceivedTime))}</edXML:TraceHeader></edXML:TraceHeaderList>
    </edXML:edXMLHeader>
    <edXML:edXMLBody>
      <edXML:edXMLManifest version="1.0"><edXML:Reference>${el('ContentId', 'cid:1')}${el('ContentType', 'application/pdf')}${el('AttachmentName', name)}</edXML:Reference></edXML:edXMLManifest>
    </edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded>
    <Attachment><ContentId>cid:1</ContentId><AttachmentName>${escapeXml(name)}</AttachmentName><ContentType>application/pdf</ContentType><ContentTransferEncoded>
${lines}
</ContentTransferEncoded></Attachment>
  </AttachmentEncoded>
</edXML>
`;
}
