import { parser as saxParser, type ProcessingInstruction, type SAXParser } from 'sax';
import type { TextPieces } from '../util/text-pieces';
import { xmlLimits, type XmlLimits } from './xml-limits';
import { XmlRejected } from './xml-rejected';
import { XmlTreeBuilder, type XmlRoot } from './xml-tree-builder';

/**
 * How much text sax gets per event-loop turn. sax reads 20-40 MB/s here, so one slice holds
 * the loop for a few milliseconds whatever the document holds.
 */
const SLICE_CHARS = 64 * 1024;

export interface ReadXmlOptions {
  /** Limits to enforce; the configured ones (`xml` in gateway.yaml) when absent. */
  readonly limits?: XmlLimits;
  /** Local names of elements whose text is bulk base64 (edXML attachments): checked as it streams, never kept. */
  readonly streamed?: readonly string[];
}

export interface XmlRead {
  readonly root: XmlRoot;
  readonly tree: Record<string, unknown>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The encoding an XML declaration names, or null; the body is bounded by sax's 64 KiB buffer limit. */
function declaredEncoding(pi: ProcessingInstruction): string | null {
  const m = /(?:^|\s)encoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(pi.body);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

function checkDeclaration(pi: ProcessingInstruction): void {
  if (pi.name.toLowerCase() !== 'xml') return;
  const encoding = declaredEncoding(pi);
  if (encoding !== null && encoding.toUpperCase() !== 'UTF-8') {
    throw new XmlRejected(`The XML declares encoding "${encoding.slice(0, 40)}": only UTF-8 is accepted`, { reason: 'encoding' });
  }
}

function refuseDeclarations(): never {
  throw new XmlRejected('XML with a DOCTYPE or entity declarations is refused', { reason: 'doctype' });
}

function wire(parser: SAXParser, builder: XmlTreeBuilder, failed: (err: Error) => void): void {
  parser.onerror = failed;
  parser.onprocessinginstruction = checkDeclaration;
  parser.ondoctype = refuseDeclarations;
  parser.onsgmldeclaration = refuseDeclarations;
  parser.onopentagstart = (tag) => builder.openTagStart(tag.name);
  parser.onattribute = () => builder.attribute();
  parser.onopentag = (tag) => builder.openTag(tag);
  parser.ontext = (text) => builder.text(text);
  parser.oncdata = (text) => builder.text(text, true);
  parser.onclosetag = () => builder.closeTag();
}

/** sax's message without the `Char:` line, which would echo document content. */
function malformed(err: Error, parser: SAXParser): XmlRejected {
  const first = err.message.split('\n')[0] ?? 'not well-formed';
  return new XmlRejected(`The document is not well-formed XML: ${first} (line ${parser.line + 1}, column ${parser.column + 1})`, {
    cause: err,
  });
}

/**
 * Parses XML with sax directly, a slice per event-loop turn, enforcing the limits and
 * refusing DOCTYPE/ENTITY and non-UTF-8 declarations as the events arrive: a hostile document is
 * refused at the first offending event, and no regex ever runs over the whole text.
 */
export async function readXml(xml: string | TextPieces, options: ReadXmlOptions = {}): Promise<XmlRead> {
  const builder = new XmlTreeBuilder(options.limits ?? xmlLimits(), new Set(options.streamed ?? []));
  const parser = saxParser(true, { xmlns: false });
  let saxError: Error | null = null;
  wire(parser, builder, (err) => {
    saxError ??= err;
  });
  const feed = (run: () => void): void => {
    try {
      run();
    } catch (err) {
      if (err instanceof XmlRejected) throw err;
      throw malformed(saxError ?? (err as Error), parser);
    }
    if (saxError) throw malformed(saxError, parser);
  };
  let first = true;
  for (const piece of typeof xml === 'string' ? [xml] : xml.pieces) {
    for (let at = 0; at < piece.length; at += SLICE_CHARS) {
      if (!first) await nextTurn();
      first = false;
      feed(() => parser.write(piece.length <= SLICE_CHARS ? piece : piece.slice(at, at + SLICE_CHARS)));
    }
  }
  feed(() => parser.close());
  const { root, tree } = builder;
  if (root === null || tree === null) throw new XmlRejected('The document has no root element', { reason: 'empty' });
  return { root, tree };
}
