// The request a protocol adapter builds and the answer the transport hands back: shared by the
// transport and the provider auths (which sign the one and read the other), so neither imports the other.

export interface OutboundRequest {
  method: 'GET' | 'POST';
  /** Relative to the connection's URL ('' for the URL itself). */
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  /** `binary` keeps the answer's bytes as received (a document the provider returns); text otherwise. */
  responseType?: 'text' | 'binary';
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** The answer as text; for a `binary` request, only when its content type is textual (a JSON refusal), '' otherwise. */
  body: string;
  /** The answer's bytes, for a `binary` request. */
  bytes?: Buffer;
  /** Bytes of the request body sent and the answer received. */
  requestBytes: number;
  responseBytes: number;
}
