import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export type PathKey = string | number;

/** A YAML document with its lines kept, so a problem at a path can name its line. */
export interface LocatedYaml {
  value: unknown;
  /** Syntax errors as `line: message`. */
  errors: Array<{ line: number; message: string }>;
  /** Line of the node at `path`, or of the nearest parent that exists; `key` points at a key of that map. */
  lineOf(path: readonly PathKey[], key?: string): number;
}

export function parseLocatedYaml(text: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: e.message.split('\n')[0] ?? e.message }));
  const line = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  return {
    value: errors.length ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors,
    lineOf(path, key) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(doc, path.slice(0, depth));
        if (!isNode(node)) continue;
        if (key !== undefined && depth === path.length && isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
          if (pair && isNode(pair.key)) return line(pair.key.range?.[0]);
        }
        return line(node.range?.[0]);
      }
      return 1;
    },
  };
}

function nodeAt(doc: Document, path: readonly PathKey[]): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true);
}

/** `scenarios[0].steps[3].call.rate` */
export function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k), '');
}
