import type { QualifiedTag } from 'sax';
import { Base64Tally, type StreamedText } from './base64-tally';
import type { XmlLimits } from './xml-limits';
import { XmlRejected } from './xml-rejected';

/** The root element as its first open-tag event shows it: local name, prefix and namespace URI. */
export interface XmlRoot {
  readonly name: string;
  readonly prefix: string;
  readonly namespace: string | null;
}

interface Frame {
  readonly local: string;
  readonly obj: Record<string, unknown>;
  text: string;
  chars: number;
  nonWhite: boolean;
  cdata: boolean;
  readonly tally?: Base64Tally;
}

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);

function limitExceeded(message: string): XmlRejected {
  return new XmlRejected(message, { reason: 'limit' });
}

/** Adds a child the way xml2js does (`explicitArray: false`), without ever touching a prototype. */
function assignOrPush(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(obj, key)) {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const existing = obj[key];
  if (Array.isArray(existing)) existing.push(value);
  else obj[key] = [existing, value];
}

/**
 * Builds, from sax events, the tree xml2js made with `explicitArray: false, ignoreAttrs: true,
 * stripPrefix, emptyTag ''` (one child an object, repeats an array, a leaf its text, mixed
 * content under `_`), enforcing the limits as each event arrives. Text of a streamed element
 * (`streamed` local names) is checked as base64 piece by piece and never kept.
 */
export class XmlTreeBuilder {
  private readonly stack: Frame[] = [];
  private elements = 0;
  private attributes = 0;
  private result: Record<string, unknown> | null = null;
  private rootSeen: XmlRoot | null = null;

  constructor(
    private readonly limits: XmlLimits,
    private readonly streamed: ReadonlySet<string>,
  ) {}

  get root(): XmlRoot | null {
    return this.rootSeen;
  }

  get tree(): Record<string, unknown> | null {
    return this.result;
  }

  openTagStart(name: string): void {
    if (this.stack.length + 1 > this.limits.maxDepth)
      throw limitExceeded(`The XML nests elements deeper than ${this.limits.maxDepth} levels (xml.maxDepth), at <${name}>`);
    this.elements += 1;
    if (this.elements > this.limits.maxElements)
      throw limitExceeded(`The XML has more than ${this.limits.maxElements} elements (xml.maxElements)`);
    this.attributes = 0;
  }

  attribute(): void {
    this.attributes += 1;
    if (this.attributes > this.limits.maxAttributes)
      throw limitExceeded(`An XML element has more than ${this.limits.maxAttributes} attributes (xml.maxAttributes)`);
  }

  openTag(tag: QualifiedTag): void {
    const local = localName(tag.name);
    if (this.rootSeen === null) this.rootSeen = rootOf(tag, local);
    const tally = this.streamed.has(local) ? new Base64Tally() : undefined;
    this.stack.push({ local, obj: {}, text: '', chars: 0, nonWhite: false, cdata: false, ...(tally ? { tally } : {}) });
  }

  text(piece: string, cdata = false): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    if (cdata) top.cdata = true;
    if (!top.nonWhite && /\S/.test(piece)) top.nonWhite = true;
    if (top.tally) {
      top.tally.feed(piece);
      return;
    }
    top.chars += piece.length;
    if (top.chars > this.limits.maxTextChars)
      throw limitExceeded(`The text of <${top.local}> is longer than ${this.limits.maxTextChars} characters (xml.maxTextChars)`);
    top.text += piece;
  }

  closeTag(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    const value = valueOf(frame);
    const parent = this.stack[this.stack.length - 1];
    if (parent) assignOrPush(parent.obj, frame.local, value);
    else this.result = { [frame.local]: value };
  }
}

function valueOf(frame: Frame): unknown {
  const { obj } = frame;
  if (frame.nonWhite || frame.cdata) {
    const text: string | StreamedText = frame.tally ? frame.tally.summary() : frame.text;
    if (Object.keys(obj).length === 0) return text;
    obj['_'] = text;
  }
  return Object.keys(obj).length === 0 ? '' : obj;
}

/** The root's namespace can only be declared on the root itself: it is the first element. */
function rootOf(tag: QualifiedTag, local: string): XmlRoot {
  const colon = tag.name.lastIndexOf(':');
  const prefix = colon < 0 ? '' : tag.name.slice(0, colon);
  const declared = tag.attributes[prefix ? `xmlns:${prefix}` : 'xmlns'];
  return { name: local, prefix, namespace: declared ?? null };
}
