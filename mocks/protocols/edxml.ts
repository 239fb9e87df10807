import type { MockReply, ProtocolAdapter } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';
import { childNode, childNodes, parseXml, textAt, XmlParseError, type XmlNode } from './xml-document';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;

export interface EdocMessage {
  readonly kind: 'edoc';
  readonly documentId: string;
  readonly from: { readonly OrganId: string; readonly OrganName: string };
  readonly to: readonly string[];
  readonly codeNumber: string;
  readonly codeNotation: string;
  readonly subject: string;
  readonly attachmentCount: number;
}

export interface StatusMessage {
  readonly kind: 'status';
  readonly documentId: string;
  readonly fromOrganId: string;
  readonly statusCode: string;
  readonly description: string;
  readonly timestamp: string;
}

export type EdxmlMessage = EdocMessage | StatusMessage;

/** The axis's refusal: `FAIL`, ErrorCode `ED-400`, HTTP 400. */
export class EdxmlInvalid extends ProviderError {
  constructor(message: string) {
    super('ED-400', message, 400);
  }
}

/** `{"status":"FAIL","ErrorCode","ErrorDesc"}`; HTTP 200 unless told (the axis reports failures in the body). */
export const edxmlProtocol: ProtocolAdapter = {
  name: 'edxml',
  errorReply: (error, status): MockReply => jsonReply({ status: 'FAIL', ErrorCode: error.code, ErrorDesc: error.message }, status ?? 200),
};

/**
 * Strict base64: alphabet, length a multiple of 4, padding only at the end. One linear regex (no backtracking
 * groups) plus a length check: no per-character JS work on multi-megabyte attachments.
 */
export function isStrictBase64(data: string): boolean {
  return data.length > 0 && data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
}

function required(node: XmlNode | undefined, path: string[], label: string): string {
  const value = textAt(node, ...path)?.trim();
  if (value === undefined || value === '') throw new EdxmlInvalid(`Thiếu ${label}`);
  return value;
}

function checkAttachments(envelope: XmlNode): number {
  const attachments = childNodes(childNode(envelope, 'AttachmentEncoded'), 'Attachment');
  for (const attachment of attachments) {
    const name = textAt(attachment, 'AttachmentName') ?? textAt(attachment, 'ContentId') ?? '?';
    const encoding = textAt(attachment, 'ContentTransferEncoded')?.trim();
    if (encoding !== undefined && encoding.toLowerCase() !== 'base64') throw new EdxmlInvalid(`Tệp ${name}: mã hóa ${encoding} không được hỗ trợ`);
    if (!isStrictBase64((textAt(attachment, 'AttachmentText') ?? '').trim())) throw new EdxmlInvalid(`Tệp ${name}: dữ liệu không phải base64 hợp lệ`);
  }
  return attachments.length;
}

function readEdoc(envelope: XmlNode, header: XmlNode | undefined): EdocMessage {
  const message = childNode(header, 'MessageHeader');
  if (message === undefined) throw new EdxmlInvalid('Thiếu edXMLHeader/MessageHeader');
  const fromOrgan = required(message, ['From', 'OrganId'], 'From/OrganId');
  const to = childNodes(message, 'To').map((node) => textAt(node, 'OrganId')?.trim() ?? '').filter((id) => id !== '');
  if (to.length === 0) throw new EdxmlInvalid('Thiếu To/OrganId');
  const documentId = required(message, ['DocumentId'], 'DocumentId');
  const codeNumber = required(message, ['Code', 'CodeNumber'], 'Code/CodeNumber');
  const subject = required(message, ['Subject'], 'Subject');
  return {
    kind: 'edoc', documentId, to, codeNumber, subject,
    from: { OrganId: fromOrgan, OrganName: textAt(message, 'From', 'OrganName')?.trim() ?? '' },
    codeNotation: textAt(message, 'Code', 'CodeNotation')?.trim() ?? '',
    attachmentCount: checkAttachments(envelope),
  };
}

function readStatus(header: XmlNode | undefined): StatusMessage {
  const status = childNode(header, 'Status');
  if (status === undefined) throw new EdxmlInvalid('Thiếu edXMLHeader/Status');
  const statusCode = required(status, ['StatusCode'], 'StatusCode');
  if (!(STATUS_CODES as readonly string[]).includes(statusCode)) throw new EdxmlInvalid(`StatusCode ${statusCode} không hợp lệ`);
  return {
    kind: 'status',
    documentId: required(status, ['ResponseFor', 'DocumentId'], 'ResponseFor/DocumentId'),
    fromOrganId: required(status, ['From', 'OrganId'], 'From/OrganId'),
    statusCode,
    description: textAt(status, 'Description')?.trim() ?? '',
    timestamp: textAt(status, 'Timestamp')?.trim() ?? '',
  };
}

/**
 * Parses and validates an edXML envelope. `messageType` is the `messagetype` header (`edoc` or `status`);
 * when absent the header element decides.
 */
export async function readEdxml(xml: string, messageType: string | undefined): Promise<EdxmlMessage> {
  let envelope: XmlNode;
  try {
    envelope = await parseXml(xml);
  } catch (err) {
    if (err instanceof XmlParseError) throw new EdxmlInvalid(`edXML không đúng định dạng: ${err.message}`);
    throw err;
  }
  if (envelope.local !== 'edXMLEnvelope' || envelope.uri !== EDXML_NS) {
    throw new EdxmlInvalid(`Phần tử gốc phải là edXMLEnvelope trong không gian tên ${EDXML_NS}`);
  }
  const header = childNode(envelope, 'edXMLHeader');
  const type = messageType?.trim().toLowerCase() || (childNode(header, 'Status') ? 'status' : 'edoc');
  if (type === 'edoc') return readEdoc(envelope, header);
  if (type === 'status') return readStatus(header);
  throw new EdxmlInvalid(`messagetype ${type} không được hỗ trợ`);
}
