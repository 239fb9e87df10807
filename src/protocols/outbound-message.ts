// The request a protocol adapter builds and the answer the transport hands back: shared by the
// transport and the provider auths (which sign the one and read the other), so neither imports the other.

export interface OutboundRequest {
  method: 'GET' | 'POST';
  /** Relative to the connection's URL ('' for the URL itself). */
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Bytes of the request body sent and the answer received. */
  requestBytes: number;
  responseBytes: number;
}
