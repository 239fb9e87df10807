import { Parser, processors } from 'xml2js';

/** An element with its namespace URI and local name, whatever prefix the sender chose. */
export interface XmlNode {
  readonly local: string;
  readonly uri: string;
  readonly text: string;
  readonly children: readonly XmlNode[];
}

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

interface RawNode {
  $ns?: { local: string; uri: string };
  _?: string;
  [key: string]: unknown;
}

/** sax is handed the text in chunks between event-loop turns, so a 10 MB document does not stall the process. */
const CHUNK_SIZE = 256 * 1024;

function toNode(local: string, raw: unknown): XmlNode {
  if (typeof raw === 'string') return { local, uri: '', text: raw, children: [] };
  const node = raw as RawNode;
  const children: XmlNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$' || key === '$ns' || key === '_' || !Array.isArray(value)) continue;
    for (const item of value) children.push(toNode(key, item));
  }
  return { local: node.$ns?.local ?? local, uri: node.$ns?.uri ?? '', text: node._ ?? '', children };
}

/** Refuses DOCTYPE/ENTITY (xml2js accepts them silently): only the prolog, before the root element, can hold one. */
function refuseDoctype(xml: string): void {
  const root = /<[A-Za-z_]/.exec(xml);
  const prolog = root === null ? xml : xml.slice(0, root.index);
  if (/<!(DOCTYPE|ENTITY)/i.test(prolog)) throw new XmlParseError('DOCTYPE and ENTITY declarations are refused');
}

/** Parses a document namespace-aware: prefixes stripped, each element's namespace URI kept. */
export async function parseXml(xml: string): Promise<XmlNode> {
  refuseDoctype(xml);
  const parser = new Parser({
    xmlns: true, explicitArray: true, explicitCharkey: true, explicitRoot: true,
    tagNameProcessors: [processors.stripPrefix], async: true, chunkSize: CHUNK_SIZE,
  });
  let parsed: unknown;
  try {
    parsed = await parser.parseStringPromise(xml);
  } catch (err) {
    throw new XmlParseError(err instanceof Error ? err.message.split('\n')[0] : 'not well-formed XML');
  }
  if (parsed === null || typeof parsed !== 'object') throw new XmlParseError('empty document');
  const [rootName, rootValue] = Object.entries(parsed)[0] ?? [];
  if (rootName === undefined) throw new XmlParseError('no root element');
  return toNode(rootName, rootValue);
}

export function childNode(node: XmlNode | undefined, local: string): XmlNode | undefined {
  return node?.children.find((c) => c.local === local);
}

export function childNodes(node: XmlNode | undefined, local: string): XmlNode[] {
  return node?.children.filter((c) => c.local === local) ?? [];
}

/** Text of a descendant reached by local names, or undefined when a step is missing. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | undefined {
  let current = node;
  for (const step of path) current = childNode(current, step);
  return current?.text;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Element content as plain data (leaf → text, repeated names → arrays), for validating with zod. */
export function toPlain(node: XmlNode): unknown {
  if (node.children.length === 0) return node.text;
  const out: Record<string, unknown> = {};
  for (const child of node.children) {
    if (UNSAFE_KEYS.has(child.local)) continue;
    const value = toPlain(child);
    const existing = out[child.local];
    if (existing === undefined) out[child.local] = value;
    else out[child.local] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
