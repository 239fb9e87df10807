import { parser as saxParser, type SAXParser } from 'sax';

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

/**
 * A mock is a provider that tests and scenarios throw hostile bodies at too: bounded like the
 * gateway's parser (text is not, the body limit bounds it: edXML attachments are megabytes).
 */
const MAX_DEPTH = 64;
const MAX_ELEMENTS = 100_000;
const MAX_ATTRIBUTES = 64;

/** sax is handed a slice per event-loop turn, so a 10 MB document does not stall the process. */
const SLICE_CHARS = 64 * 1024;

interface Building {
  local: string;
  uri: string;
  pieces: string[];
  blank: boolean;
  cdata: boolean;
  children: XmlNode[];
}

/** Builds the tree from sax events; refuses DOCTYPE/ENTITY declarations and documents past the bounds. */
function wire(parser: SAXParser, done: (root: XmlNode) => void): void {
  const stack: Building[] = [];
  let elements = 0;
  let attributes = 0;
  const refuse = (): never => {
    throw new XmlParseError('DOCTYPE and ENTITY declarations are refused');
  };
  parser.ondoctype = refuse;
  parser.onsgmldeclaration = refuse;
  parser.onopentagstart = () => {
    elements += 1;
    attributes = 0;
    if (stack.length >= MAX_DEPTH) throw new XmlParseError(`nested deeper than ${MAX_DEPTH} levels`);
    if (elements > MAX_ELEMENTS) throw new XmlParseError(`more than ${MAX_ELEMENTS} elements`);
  };
  parser.onattribute = () => {
    attributes += 1;
    if (attributes > MAX_ATTRIBUTES) throw new XmlParseError(`more than ${MAX_ATTRIBUTES} attributes on one element`);
  };
  parser.onopentag = (tag) => {
    const { local = tag.name, uri = '' } = tag;
    stack.push({ local, uri, pieces: [], blank: true, cdata: false, children: [] });
  };
  const text = (piece: string, cdata: boolean): void => {
    const top = stack[stack.length - 1];
    if (!top) return;
    top.pieces.push(piece);
    if (cdata) top.cdata = true;
    if (top.blank && /\S/.test(piece)) top.blank = false;
  };
  parser.ontext = (piece) => text(piece, false);
  parser.oncdata = (piece) => text(piece, true);
  parser.onclosetag = () => {
    const b = stack.pop();
    if (!b) return;
    // Whitespace-only text is dropped, as xml2js did; otherwise it is kept as sent.
    const node: XmlNode = { local: b.local, uri: b.uri, text: b.blank && !b.cdata ? '' : b.pieces.join(''), children: b.children };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else done(node);
  };
}

/** Parses a document namespace-aware: prefixes stripped, each element's namespace URI kept. */
export async function parseXml(xml: string): Promise<XmlNode> {
  const parser = saxParser(true, { xmlns: true, position: false });
  let root: XmlNode | undefined;
  let failure: Error | undefined;
  parser.onerror = (err) => {
    failure ??= err;
  };
  wire(parser, (node) => {
    root = node;
  });
  const feed = (run: () => void): void => {
    try {
      run();
    } catch (err) {
      if (err instanceof XmlParseError) throw err;
      failure ??= err as Error;
    }
    if (failure) throw new XmlParseError(failure.message.split('\n')[0] ?? 'not well-formed XML');
  };
  for (let at = 0; at < xml.length; at += SLICE_CHARS) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    feed(() => parser.write(xml.slice(at, at + SLICE_CHARS)));
  }
  feed(() => parser.close());
  if (!root) throw new XmlParseError('no root element');
  return root;
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
