import type { MockReply, ProtocolAdapter } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';
import { childNode, childNodes, parseXml, textAt, XmlParseError, type XmlNode } from './xml-document';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;

/** A document as the axis reads it from the file's MessageHeader. */
export interface EdocMessage {
  readonly kind: 'edoc';
  readonly documentId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly codeNumber: string;
  readonly codeNotation: string;
  readonly subject: string;
  readonly attachmentCount: number;
}

/** A status message: the same file, its MessageHeader holding From, ResponseFor, StatusCode… */
export interface StatusMessage {
  readonly kind: 'status';
  readonly documentId: string;
  /** The agency the status goes to: the sender of the document it is about. */
  readonly to: string;
  readonly from: string;
  readonly statusCode: string;
  readonly description: string;
  readonly timestamp: string;
}

export type EdxmlMessage = EdocMessage | StatusMessage;

/** The axis' refusal of a file: `FAIL`, ErrorCode `ED-400`, HTTP 400. */
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

const BASE64_SLICE = 512 * 1024;

/**
 * Base64 that may be broken into lines (whitespace is dropped), checked one slice at a time
 * between event-loop turns: stripping and matching a 10 MB attachment at once holds the loop
 * for a tenth of a second or more. Padding may only end the data.
 */
export async function isLineBrokenBase64(text: string): Promise<boolean> {
  let length = 0;
  let pads = 0;
  for (let at = 0; at < text.length; at += BASE64_SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    const part = /^([A-Za-z0-9+/]*)(=*)$/.exec(text.slice(at, at + BASE64_SLICE).replace(/\s+/g, ''));
    if (!part) return false;
    const [, data = '', padding = ''] = part;
    if (pads > 0 && data !== '') return false;
    pads += padding.length;
    length += data.length + padding.length;
  }
  return length > 0 && length % 4 === 0 && pads <= 2;
}

const EDXML_DATE = /^\d{4}\/\d{2}\/\d{2}$/;
const EDXML_TIMESTAMP = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/;

function required(node: XmlNode | undefined, path: string[], label: string): string {
  const value = textAt(node, ...path)?.trim();
  if (value === undefined || value === '') throw new EdxmlInvalid(`Thiếu ${label}`);
  return value;
}

function dateIfPresent(node: XmlNode | undefined, path: string[], label: string): void {
  const value = textAt(node, ...path)?.trim();
  if (value && !EDXML_DATE.test(value)) throw new EdxmlInvalid(`${label} phải có dạng yyyy/MM/dd`);
}

/** Attachments beside the envelope; their base64 may be broken into lines (whitespace is dropped), nothing else. */
async function checkAttachments(root: XmlNode): Promise<number> {
  const attachments = childNodes(childNode(root, 'AttachmentEncoded'), 'Attachment');
  for (const attachment of attachments) {
    const name = textAt(attachment, 'AttachmentName') ?? textAt(attachment, 'ContentId') ?? '?';
    if (!(await isLineBrokenBase64(textAt(attachment, 'ContentTransferEncoded') ?? '')))
      throw new EdxmlInvalid(`Tệp ${name}: dữ liệu không phải base64 hợp lệ`);
  }
  return attachments.length;
}

function readEdoc(header: XmlNode, attachmentCount: number): EdocMessage {
  const from = required(header, ['From', 'OrganId'], 'From/OrganId');
  const to = childNodes(header, 'To')
    .map((node) => textAt(node, 'OrganId')?.trim() ?? '')
    .filter((id) => id !== '');
  if (to.length === 0) throw new EdxmlInvalid('Thiếu To/OrganId');
  const documentId = required(header, ['DocumentId'], 'DocumentId');
  const codeNumber = required(header, ['Code', 'CodeNumber'], 'Code/CodeNumber');
  const subject = required(header, ['Subject'], 'Subject');
  dateIfPresent(header, ['PromulgationInfo', 'PromulgationDate'], 'PromulgationDate');
  dateIfPresent(header, ['DueDate'], 'DueDate');
  return {
    kind: 'edoc',
    documentId,
    from,
    to,
    codeNumber,
    subject,
    codeNotation: textAt(header, 'Code', 'CodeNotation')?.trim() ?? '',
    attachmentCount,
  };
}

function readStatus(header: XmlNode): StatusMessage {
  const statusCode = required(header, ['StatusCode'], 'StatusCode');
  if (!(STATUS_CODES as readonly string[]).includes(statusCode)) throw new EdxmlInvalid(`StatusCode ${statusCode} không hợp lệ`);
  const timestamp = required(header, ['Timestamp'], 'Timestamp');
  if (!EDXML_TIMESTAMP.test(timestamp)) throw new EdxmlInvalid('Timestamp phải có dạng yyyy/MM/dd HH:mm:ss');
  dateIfPresent(header, ['ResponseFor', 'PromulgationDate'], 'ResponseFor/PromulgationDate');
  return {
    kind: 'status',
    statusCode,
    timestamp,
    documentId: required(header, ['ResponseFor', 'DocumentId'], 'ResponseFor/DocumentId'),
    to: required(header, ['ResponseFor', 'OrganId'], 'ResponseFor/OrganId'),
    from: required(header, ['From', 'OrganId'], 'From/OrganId'),
    description: textAt(header, 'Description')?.trim() ?? '',
  };
}

/**
 * Parses and checks an edXML file: an `<edXML>` root in the QCVN 102 namespace holding
 * `edXMLEnvelope/edXMLHeader/MessageHeader`, whatever prefixes. `messageType` is the signed
 * `messagetype` (`edoc` or `status`); the file must be of that kind.
 */
export async function readEdxml(xml: string, messageType: string | undefined): Promise<EdxmlMessage> {
  let root: XmlNode;
  try {
    root = await parseXml(xml);
  } catch (err) {
    if (err instanceof XmlParseError) throw new EdxmlInvalid(`edXML không đúng định dạng: ${err.message}`);
    throw err;
  }
  if (root.local !== 'edXML' || root.uri !== EDXML_NS) throw new EdxmlInvalid(`Phần tử gốc phải là edXML trong không gian tên ${EDXML_NS}`);
  const header = childNode(childNode(childNode(root, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  if (header === undefined) throw new EdxmlInvalid('Thiếu edXMLEnvelope/edXMLHeader/MessageHeader');
  const type = messageType?.trim().toLowerCase();
  if (type !== 'edoc' && type !== 'status') throw new EdxmlInvalid('messagetype phải là edoc hoặc status');
  const isStatus = childNode(header, 'StatusCode') !== undefined;
  if (isStatus !== (type === 'status')) throw new EdxmlInvalid(`Gói tin không phải loại ${type}`);
  if (type === 'status') return readStatus(header);
  return readEdoc(header, await checkAttachments(root));
}

/** The value of `boundary=` in a Content-Type, quoted or not. */
function boundaryOf(contentType: string, body: string): string | undefined {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (m?.[1]) return m[1];
  // The SDK overrides its multipart Content-Type with application/octet-stream: find the boundary in the body.
  return /^--([^\r\n]+)\r?\n/.exec(body)?.[1];
}

/** The content of the part named `name` in a multipart/form-data body, or undefined. */
function formPart(body: string, boundary: string, name: string): string | undefined {
  const delimiter = `--${boundary}`;
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const headersEnd = body.indexOf('\r\n\r\n', at);
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(`\r\n${delimiter}`, headersEnd);
    if (next < 0) return undefined;
    const partHeaders = body.slice(at + delimiter.length, headersEnd);
    if (new RegExp(`\\bname="${name}"`, 'i').test(partHeaders)) return body.slice(headersEnd + 4, next);
    at = next + 2;
  }
  return undefined;
}

/**
 * The edXML file of a `sendEdoc` call: the `file_doc` part of a multipart/form-data body, or
 * the body itself when a client (SDKVXP 2.0.1) writes the file's bytes without framing.
 */
export function sentFile(body: string, contentType: string): string {
  const boundary = /multipart\//i.test(contentType) || body.startsWith('--') ? boundaryOf(contentType, body) : undefined;
  if (boundary === undefined) return body;
  const file = formPart(body, boundary, 'file_doc');
  if (file === undefined || file.trim() === '') throw new EdxmlInvalid('Thiếu tệp edXML trong phần file_doc');
  return file;
}
