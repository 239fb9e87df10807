/** Why a document was refused: the caller maps `encoding` to 415 and the rest to 400. */
export type XmlRejectReason = 'malformed' | 'doctype' | 'encoding' | 'limit' | 'empty';

export class XmlRejected extends Error {
  readonly reason: XmlRejectReason;

  constructor(message: string, options?: { cause?: unknown; reason?: XmlRejectReason }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XmlRejected';
    this.reason = options?.reason ?? 'malformed';
  }
}
