import { parseXml, type XmlNode } from '../../../mocks/protocols/xml-document';

/**
 * The structure of a JSON value without its data: objects keep their keys (sorted), leaves
 * become their type, arrays the shape of their first item. Two messages of one format have
 * the same shape whatever they carry.
 */
export function jsonShape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [jsonShape(value[0])];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) out[key] = jsonShape((value as Record<string, unknown>)[key]);
    return out;
  }
  return typeof value;
}

function paths(node: XmlNode, parent: string, out: Set<string>): void {
  const here = `${parent}/{${node.uri}}${node.local}`;
  out.add(here);
  for (const child of node.children) paths(child, here, out);
}

/** Every element path of an XML document as `/{namespace}Local/…`, sorted, whatever prefixes were used. */
export async function xmlShape(xml: string): Promise<string[]> {
  const out = new Set<string>();
  paths(await parseXml(xml), '', out);
  return [...out].sort();
}
