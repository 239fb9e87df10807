/**
 * A large text kept as the pieces it arrived in (decoded socket reads of an XML body). Joining
 * a 20 MiB body into one string is a single copy that holds the event loop for 55 ms (one-byte
 * text) to 106 ms (a document with any Vietnamese character is two-byte throughout) on the
 * 2-core test machine, and whatever first slices the string pays it again. Readers that can
 * work piece by piece (the XML reader, the JSON writer that seals a job's input) never join it;
 * `toString()` joins it for the few that need the whole text at once.
 */
export class TextPieces {
  readonly length: number;

  constructor(readonly pieces: readonly string[]) {
    this.length = pieces.reduce((n, p) => n + p.length, 0);
  }

  /** The first `chars` characters, joined (cheap: only as many pieces as needed). */
  head(chars: number): string {
    const out: string[] = [];
    let left = chars;
    for (const piece of this.pieces) {
      if (left <= 0) break;
      out.push(piece.length <= left ? piece : piece.slice(0, left));
      left -= piece.length;
    }
    return out.join('');
  }

  toString(): string {
    return this.pieces.join('');
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The whole text of a string or TextPieces. */
export const textOf = (text: string | TextPieces): string => (typeof text === 'string' ? text : text.toString());
