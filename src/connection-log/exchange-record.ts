/**
 * One exchange attempt on one connection, as the connection log keeps it: who called what,
 * when, how long it took and how it ended. Never a payload or personal data.
 * The four timestamps follow X-Road's operational monitoring: the consumer's request
 * in, the request out to the provider, the provider's response in, the response out.
 */
export interface ExchangeRecord {
  requestId: string;
  jobId: string | null;
  consumer: string;
  serviceId: string;
  operationId: string;
  direction: 'ngsp' | 'internal';
  mode: 'sync' | 'async';
  attempt: number;
  startedAt: string;
  durationMs: number;
  httpStatus: number | null;
  outcome: 'success' | 'failure';
  errorType: string | null;
  providerCode: string | null;
  requestInTs: string;
  requestOutTs: string | null;
  responseInTs: string | null;
  responseOutTs: string;
  requestBytes: number;
  responseBytes: number;
}

/** Anything besides the connection log that wants to know of each exchange (metrics). */
export interface ExchangeObserver {
  observeExchange(record: ExchangeRecord): void;
}
