import { parser as saxParser } from 'sax';
import { GatewayError } from '../src/errors/gateway-error';
import { StreamedText } from '../src/xml/base64-tally';
import { readXml, XmlRejected, type XmlRead } from '../src/xml/safe-xml';
import { EDXML_NS, STATUS_CODES } from './edxml-document';
import type { TextPieces } from '../src/util/text-pieces';

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
    [
      'To/OrganId',
      children(header, 'To')
        .map((to) => text(to, 'OrganId'))
        .find((id) => id !== '') ?? '',
    ],
    ['DocumentId', text(header, 'DocumentId')],
    ['Code/CodeNumber', text(child(header, 'Code'), 'CodeNumber')],
    ['Subject', text(header, 'Subject')],
  ]
    .filter(([, value]) => value === '')
    .map(([name]) => name);
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
  ]
    .filter(([, value]) => value === '')
    .map(([name]) => name);
  if (missing.length) throw rejected(`The edXML status message lacks ${missing.join(', ')}`);
  const code = text(header, 'StatusCode');
  if (!(STATUS_CODES as readonly string[]).includes(code)) throw rejected(`StatusCode ${code} is not one of ${STATUS_CODES.join(', ')}`);
  if (!/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/.test(text(header, 'Timestamp'))) throw rejected('Timestamp must be yyyy/MM/dd HH:mm:ss');
  checkDate('ResponseFor/PromulgationDate', text(child(header, 'ResponseFor'), 'PromulgationDate'));
}

/** Elements whose text is attachment data: streamed through a base64 check, never held as one string. */
export const EDXML_STREAMED = ['ContentTransferEncoded'] as const;

/** Attachments sit beside the envelope; their base64 may be broken into lines, but nothing else. */
function checkAttachments(root: Tree): void {
  const attachments = children(child(root, 'AttachmentEncoded'), 'Attachment');
  for (const [i, attachment] of attachments.entries()) {
    const data = (attachment as Tree | undefined)?.['ContentTransferEncoded'];
    if (!(data instanceof StreamedText) || !data.isBase64)
      throw rejected(`Attachment ${i + 1} (ContentTransferEncoded) is not valid base64`);
  }
}

/** The parse of a ready-made file, its refusals typed: a non-UTF-8 declaration is 415, anything else 400. */
async function readFile(xml: string | TextPieces): Promise<XmlRead> {
  try {
    return await readXml(xml, { streamed: EDXML_STREAMED });
  } catch (err) {
    if (!(err instanceof XmlRejected)) throw rejected('The document is not well-formed XML');
    if (err.reason === 'encoding') throw new GatewayError('Client.UnsupportedMediaType', err.message);
    throw rejected(err.message);
  }
}

/**
 * Checks a ready-made edXML file before it is forwarded unchanged: no DOCTYPE or entities,
 * well-formed, an `<edXML>` root in the QCVN 102 namespace holding an `edXMLEnvelope` whose
 * MessageHeader is a document (`edoc`) or a status message (`status`), as the operation expects,
 * and attachments in strict base64. Prefixes are free: only namespaces and local names count.
 */
export async function checkEdxmlFile(xml: string | TextPieces, expected: EdxmlKind): Promise<void> {
  const { root, tree } = await readFile(xml);
  if (root.name !== 'edXML' || root.namespace !== EDXML_NS)
    throw rejected(`The file must be an <edXML> document in the namespace ${EDXML_NS}`);
  const file = child(tree, 'edXML');
  const header = child(child(child(file, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  if (!file || !header) throw rejected('The edXML file has no edXMLEnvelope/edXMLHeader/MessageHeader');
  const kind = kindOf(header);
  if (kind !== expected)
    throw rejected(
      kind === 'status'
        ? 'This edXML file is a status message: send it to cap-nhat-trang-thai'
        : 'This edXML file is a document, not a status message: send it to gui-van-ban',
    );
  if (kind === 'status') checkStatusHeader(header);
  else checkDocumentHeader(header);
  checkAttachments(file);
}

/** How far into a file its MessageHeader's `From` is looked for: it comes first, the attachments last. */
const HEAD_CHARS = 64 * 1024;

/**
 * `From/OrganId` of a ready-made file (the axis' `from` header), read from its head by sax
 * without building a tree: linear whatever the head holds (a lazy regex across it was not).
 * The file was checked when it was accepted, so the head is well-formed up to where it is cut.
 */
export function senderOf(xml: string | TextPieces): string | undefined {
  const parser = saxParser(true, { xmlns: false, position: false });
  const path: string[] = [];
  let found: string | undefined;
  let organId: string | null = null;
  const local = (name: string): string => name.slice(name.lastIndexOf(':') + 1);
  parser.onopentag = (tag) => {
    path.push(local(tag.name));
    if (found === undefined && organId === null && path.at(-1) === 'OrganId' && path.at(-2) === 'From') organId = '';
  };
  parser.ontext = (text) => {
    if (organId !== null) organId += text;
  };
  parser.onclosetag = () => {
    if (organId !== null && path.at(-1) === 'OrganId') {
      found = organId.trim();
      organId = null;
    }
    path.pop();
  };
  parser.onerror = () => undefined;
  try {
    parser.write(typeof xml === 'string' ? xml.slice(0, HEAD_CHARS) : xml.head(HEAD_CHARS));
  } catch {
    // A cut or odd head: whatever was found before it stands.
  }
  return found || undefined;
}
