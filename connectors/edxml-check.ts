import { GatewayError } from '../src/errors/gateway-error';
import { assertNoDoctype, parseXml, rootElement, XmlRejected } from '../src/xml/safe-xml';
import { EDXML_NS, isLineBrokenBase64, STATUS_CODES } from './edxml-document';

/** What an edXML file carries: an official document, or a status message about one. */
export type EdxmlKind = 'edoc' | 'status';

type Tree = Record<string, unknown>;

function rejected(message: string): GatewayError {
  return new GatewayError('Client.BadRequest', message);
}

/** A child element (the first when repeated), or undefined. */
export function child(node: unknown, name: string): Tree | undefined {
  const value = node !== null && typeof node === 'object' ? (node as Tree)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' ? (first as Tree) : undefined;
}

/** Every child element of that name (a lone one, or the array xml2js makes of repeats). */
export function children(node: unknown, name: string): unknown[] {
  const value = node !== null && typeof node === 'object' ? (node as Tree)[name] : undefined;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The trimmed text of a child element; '' when absent or not text. */
export function text(node: unknown, name: string): string {
  const value = node !== null && typeof node === 'object' ? (node as Tree)[name] : undefined;
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : '';
}

/** The kind a parsed file holds: a MessageHeader with a StatusCode is a status message. */
export function kindOf(messageHeader: Tree): EdxmlKind {
  return 'StatusCode' in messageHeader ? 'status' : 'edoc';
}

function checkDocumentHeader(header: Tree): void {
  const missing = [
    ['From/OrganId', text(child(header, 'From'), 'OrganId')],
    ['To/OrganId', children(header, 'To').map((to) => text(to, 'OrganId')).find((id) => id !== '') ?? ''],
    ['DocumentId', text(header, 'DocumentId')],
    ['Code/CodeNumber', text(child(header, 'Code'), 'CodeNumber')],
    ['Subject', text(header, 'Subject')],
  ].filter(([, value]) => value === '').map(([name]) => name);
  if (missing.length) throw rejected(`The edXML MessageHeader lacks ${missing.join(', ')}`);
  checkDate('PromulgationDate', text(child(header, 'PromulgationInfo'), 'PromulgationDate'));
  checkDate('DueDate', text(header, 'DueDate'));
}

/** edXML dates are `yyyy/MM/dd`: a `2024-03-15` would be refused by the axis after the caller got its 202. */
function checkDate(name: string, value: string): void {
  if (value !== '' && !/^\d{4}\/\d{2}\/\d{2}$/.test(value)) throw rejected(`${name} must be yyyy/MM/dd`);
}

function checkStatusHeader(header: Tree): void {
  const missing = [
    ['From/OrganId', text(child(header, 'From'), 'OrganId')],
    ['ResponseFor/OrganId', text(child(header, 'ResponseFor'), 'OrganId')],
    ['ResponseFor/DocumentId', text(child(header, 'ResponseFor'), 'DocumentId')],
    ['StatusCode', text(header, 'StatusCode')],
    ['Timestamp', text(header, 'Timestamp')],
  ].filter(([, value]) => value === '').map(([name]) => name);
  if (missing.length) throw rejected(`The edXML status message lacks ${missing.join(', ')}`);
  const code = text(header, 'StatusCode');
  if (!(STATUS_CODES as readonly string[]).includes(code)) throw rejected(`StatusCode ${code} is not one of ${STATUS_CODES.join(', ')}`);
  if (!/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/.test(text(header, 'Timestamp'))) throw rejected('Timestamp must be yyyy/MM/dd HH:mm:ss');
  checkDate('ResponseFor/PromulgationDate', text(child(header, 'ResponseFor'), 'PromulgationDate'));
}

/** Attachments sit beside the envelope; their base64 may be broken into lines, but nothing else. */
async function checkAttachments(root: Tree): Promise<void> {
  const attachments = children(child(root, 'AttachmentEncoded'), 'Attachment');
  for (const [i, attachment] of attachments.entries()) {
    if (!(await isLineBrokenBase64(text(attachment, 'ContentTransferEncoded')))) throw rejected(`Attachment ${i + 1} (ContentTransferEncoded) is not valid base64`);
  }
}

/**
 * Checks a ready-made edXML file before it is forwarded unchanged: no DOCTYPE or entities,
 * well-formed, an `<edXML>` root in the QCVN 102 namespace holding an `edXMLEnvelope` whose
 * MessageHeader is a document (`edoc`) or a status message (`status`), as the operation expects,
 * and attachments in strict base64. Prefixes are free: only namespaces and local names count.
 */
export async function checkEdxmlFile(xml: string, expected: EdxmlKind): Promise<void> {
  try {
    assertNoDoctype(xml);
  } catch (err) {
    throw rejected((err as Error).message);
  }
  const root = rootElement(xml);
  if (!root || root.name !== 'edXML' || root.namespace !== EDXML_NS) throw rejected(`The file must be an <edXML> document in the namespace ${EDXML_NS}`);
  let tree: Tree;
  try {
    tree = await parseXml(xml);
  } catch (err) {
    throw rejected(err instanceof XmlRejected ? err.message : 'The document is not well-formed XML');
  }
  const file = child(tree, 'edXML');
  const header = child(child(child(file, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  if (!file || !header) throw rejected('The edXML file has no edXMLEnvelope/edXMLHeader/MessageHeader');
  const kind = kindOf(header);
  if (kind !== expected) throw rejected(kind === 'status' ? 'This edXML file is a status message: send it to cap-nhat-trang-thai' : 'This edXML file is a document, not a status message: send it to gui-van-ban');
  if (kind === 'status') checkStatusHeader(header);
  else checkDocumentHeader(header);
  await checkAttachments(file);
}

/** How far into a file its MessageHeader's `From` is looked for: it comes first, the attachments last. */
const HEAD_BYTES = 64 * 1024;

/** `From/OrganId` of a ready-made file (the axis' `from` header), read from its head without parsing the whole file. */
export function senderOf(xml: string): string | undefined {
  const m = /<(?:[\w.-]+:)?From\b[^>]*>[\s\S]*?<(?:[\w.-]+:)?OrganId\b[^>]*>([^<]*)</.exec(xml.slice(0, HEAD_BYTES));
  return m?.[1]?.trim() || undefined;
}
