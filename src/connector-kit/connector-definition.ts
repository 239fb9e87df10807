import type { z } from 'zod';
import type { TextPieces } from '../util/text-pieces';

/** Where a REST call goes, relative to the connection's URL. */
export interface RestWire {
  protocol: 'rest';
  method: 'GET' | 'POST';
  /** May hold `{name}` placeholders, filled from the request's `pathParams` (`/Category/{code}`). */
  path: string;
  /**
   * `binary` when the provider answers a document (a PDF) rather than JSON: `fromProvider` then
   * receives a `BinaryDocument`, or the parsed JSON when the answer is JSON after all (a refusal).
   */
  responseType?: 'json' | 'binary';
}

/** A SOAP 1.1 document/literal operation in the connector's namespace. */
export interface SoapWire {
  protocol: 'soap';
  operation: string;
  /** The element the answer's soap:Body holds (its namespace may differ from the request's). */
  responseElement: string;
  /** The `SOAPAction` value, unquoted; `<namespace>/<operation>` when absent, `''` for providers that want it empty. */
  soapAction?: string;
}

/** A service of the DVCQG envelope; the connector gives the fields beside `session`, `madonvi` and `service`. */
export interface DvcqgWire {
  protocol: 'dvcqg';
  service: string;
}

/** A call to the national document axis. */
export interface EdxmlWire {
  protocol: 'edxml';
  /** The VXP call, `POST <connection URL>/<operation>`. */
  operation: 'sendEdoc' | 'getReceivedEdocList' | 'getEdoc' | 'updateStatus' | 'getSentEdocList';
}

export type Wire = RestWire | SoapWire | DvcqgWire | EdxmlWire;
export type Protocol = Wire['protocol'];

/** What the mapping functions may read besides the caller's input. */
export interface MapContext {
  requestId: string;
  /** The connection's validated `options` from the catalog. */
  options: Readonly<Record<string, unknown>>;
  province: { name: string; agencyCode: string };
  now: Date;
}

/**
 * What a connector hands to its protocol adapter: a JSON body or a query for REST, the
 * request element's children for SOAP, the envelope's own fields for DVCQG, a VXP call (its
 * headers and edXML file) for the document axis.
 */
export type ProviderRequest =
  ({ kind: 'json'; body: unknown } & RestRequestParts) | ({ kind: 'query'; query: Record<string, string> } & RestRequestParts) | VxpCall;

/**
 * One call to the document axis (VXP): the call's own headers (`messagetype`, `from`, `docId`,
 * `status`…, signed by the `vxp-hmac` profile) and, for `sendEdoc`, the edXML file it carries.
 */
export interface VxpCall {
  kind: 'vxp';
  headers: Record<string, string>;
  file?: string;
}

/** A further provider round trip of the same call, on a wire of its own (the same connection). */
export interface FollowUp {
  wire: Wire;
  request: ProviderRequest;
  /** What the round trip is about (a list item): handed back to `fromProvider` beside its answer. */
  about?: unknown;
}

/** What a REST request may carry besides its body or query: values for the wire path, headers of its own. */
export interface RestRequestParts {
  /** Values for the `{name}` placeholders of the wire path (URL-encoded by the adapter). */
  pathParams?: Record<string, string>;
  /** Headers the provider's API defines per request (`SENDER_CODE`, `TRAN_CODE`…); credentials are never set here. */
  headers?: Record<string, string>;
}

export interface OperationDefinition<I = unknown> {
  wire: Wire;
  /** Set where one operation's format is less (or more) known than the rest of its connector's. */
  fidelity?: Fidelity;
  /** The provincial JSON this operation accepts. */
  input: z.ZodType<I>;
  /** Input fields that hold personal data (at any depth): their values are masked in every error text the gateway repeats (`PersonalDataMask`). */
  personalFields?: readonly string[];
  /**
   * Set when a ready-made XML document (`Content-Type: application/xml`) is accepted:
   * turns it into the raw input that `input` then validates.
   */
  xmlInput?: (xml: TextPieces) => unknown;
  /** Checks that need more than a schema (an XML document's structure); throws a GatewayError. */
  check?: (input: I) => Promise<void>;
  toProvider(input: I, ctx: MapContext): ProviderRequest;
  /**
   * For an operation that needs more than one round trip (list, then fetch each): given the
   * first decoded answer, the further round trips, sent one by one, each through the breaker
   * and the deadline. `fromProvider` then receives `{ first, followUps: [{ about, answer }] }`.
   */
  followUps?: (first: unknown, input: I, ctx: MapContext) => readonly FollowUp[];
  /** Maps the provider's decoded answer back to provincial JSON; throws when the answer lacks what it needs. */
  fromProvider(answer: unknown, ctx: MapContext): unknown;
}

/** What `fromProvider` receives for an operation with `followUps`. */
export interface AnswersWithFollowUps {
  first: unknown;
  followUps: ReadonlyArray<{ about: unknown; answer: unknown }>;
}

/**
 * How true the wire format is to the real provider: `public-artefacts` when taken from public
 * standards, SDKs or open-source clients of the service (named in `sources`), `modelled` when
 * nothing public exists and the format is this project's model of it.
 */
export type Fidelity = 'public-artefacts' | 'modelled';

export interface ConnectorDefinition {
  id: string;
  fidelity: Fidelity;
  /** Where the wire format comes from: public repositories (owner/name and path), standards, guides. */
  sources: readonly string[];
  protocol: Protocol;
  /** SOAP connectors: the service namespace. */
  namespace?: string;
  /** Validates the connection's `options` in the catalog. */
  options?: z.ZodType<Record<string, unknown>>;
  operations: Readonly<Record<string, OperationDefinition<never>>>;
}

/** Keeps the input type of each operation while storing it in a common table. */
export function defineOperation<I>(def: OperationDefinition<I>): OperationDefinition<never> {
  return def as unknown as OperationDefinition<never>;
}

export function defineConnector(def: ConnectorDefinition): ConnectorDefinition {
  return def;
}
