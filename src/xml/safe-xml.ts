import { Builder, Parser, processors } from 'xml2js';

const XML_CHUNK_BYTES = 256 * 1024;

/**
 * xml2js never expands entities, but it accepts a DOCTYPE silently; forwarding one would hand
 * an XXE to a provider whose parser does expand them. Refuse both before parsing.
 */
const DOCTYPE_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)/i;

export class XmlRejected extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XmlRejected';
  }
}

export function assertNoDoctype(xml: string): void {
  if (DOCTYPE_OR_ENTITY.test(xml)) throw new XmlRejected('XML with a DOCTYPE or entity declarations is refused');
}

/**
 * Parses XML into plain objects: namespace prefixes stripped, attributes dropped, text as
 * strings, one child as an object and several as an array.
 */
export async function parseXml(xml: string): Promise<Record<string, unknown>> {
  assertNoDoctype(xml);
  try {
    const parsed: unknown = await new Parser({
      explicitArray: false,
      ignoreAttrs: true,
      tagNameProcessors: [processors.stripPrefix],
      emptyTag: () => '',
      // sax gets the text in chunks between event-loop turns: a 10 MB edXML does not stall other traffic.
      async: true,
      chunkSize: XML_CHUNK_BYTES,
    }).parseStringPromise(xml);
    if (parsed === null || typeof parsed !== 'object') throw new XmlRejected('The document has no root element');
    return parsed as Record<string, unknown>;
  } catch (err) {
    if (err instanceof XmlRejected) throw err;
    throw new XmlRejected('The document is not well-formed XML', { cause: err });
  }
}

/** Reads the root element's local name and namespace URI without building a tree. */
export function rootElement(xml: string): { name: string; namespace: string | null } | null {
  const start = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*)>/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  if (!start) return null;
  const prefix = start[1] ? start[1].slice(0, -1) : '';
  const attrs = start[3] ?? '';
  const nsAttr = prefix ? `xmlns:${prefix}` : 'xmlns';
  const ns = new RegExp(`${nsAttr.replace(':', '\\:')}\\s*=\\s*["']([^"']*)["']`).exec(attrs);
  return { name: start[2] ?? '', namespace: ns?.[1] ?? null };
}

const builder = new Builder({ xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: false } });

/** Builds a document from `{ root: { child: … } }`; `$` keys hold attributes. */
export function buildXml(tree: Record<string, unknown>): string {
  return builder.buildObject(tree);
}

/** Prefixes every element name of a tree (not attributes) so it lands in one namespace. */
export function qualify(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => qualify(item, prefix));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    out[key === '$' || key === '_' ? key : `${prefix}:${key}`] = key === '$' ? item : qualify(item, prefix);
  }
  return out;
}
