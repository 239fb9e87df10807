/**
 * Checks base64 that may be broken into lines (whitespace is dropped) piece by piece, as a
 * streaming parser hands it over: nothing is concatenated, so a 10 MB attachment never becomes
 * one string to flatten, strip or match. Padding may only end the data.
 */
export class Base64Tally {
  private length = 0;
  private pads = 0;
  private broken = false;

  feed(piece: string): void {
    if (this.broken) return;
    // Both patterns are linear: one character class each, anchored, no nested repetition.
    const part = /^([A-Za-z0-9+/]*)(=*)$/.exec(piece.replace(/\s+/g, ''));
    if (!part) {
      this.broken = true;
      return;
    }
    const [, data = '', padding = ''] = part;
    if (this.pads > 0 && data !== '') this.broken = true;
    this.pads += padding.length;
    this.length += data.length + padding.length;
  }

  /** The summary of everything fed so far. */
  summary(): StreamedText {
    const valid = !this.broken && this.length > 0 && this.length % 4 === 0 && this.pads <= 2;
    return new StreamedText(this.length, valid, valid ? (this.length / 4) * 3 - this.pads : 0);
  }
}

/**
 * What a streamed element's text leaves in a parsed tree instead of the text itself: its
 * length without whitespace, whether it is valid base64 and how many bytes it decodes to.
 */
export class StreamedText {
  constructor(
    readonly length: number,
    readonly isBase64: boolean,
    readonly decodedBytes: number,
  ) {}
}
