import { Builder } from 'xml2js';
import { readXml, type ReadXmlOptions } from './read-xml';

export { XmlRejected, type XmlRejectReason } from './xml-rejected';
export { readXml, type ReadXmlOptions, type XmlRead } from './read-xml';
export type { XmlRoot } from './xml-tree-builder';

/**
 * Parses XML into plain objects: namespace prefixes stripped, attributes dropped, text as
 * strings, one child as an object and several as an array (the shape xml2js made). sax is fed
 * a slice per event-loop turn and the limits of `xml` in gateway.yaml are enforced as it goes;
 * DOCTYPE/ENTITY declarations (which a provider's parser might expand) and non-UTF-8
 * declarations are refused.
 */
export async function parseXml(xml: string, options: ReadXmlOptions = {}): Promise<Record<string, unknown>> {
  return (await readXml(xml, options)).tree;
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
