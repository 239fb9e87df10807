/** An answer as bytes on the wire; handlers build these, the runner stores and sends them. */
export interface MockReply {
  readonly status: number;
  readonly contentType: string;
  /** Text, or bytes for a document (a receipt PDF). */
  readonly body: string | Buffer;
  /** Extra headers (WWW-Authenticate on a refusal). */
  readonly headers?: Readonly<Record<string, string>>;
}
