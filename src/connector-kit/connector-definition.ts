import type { z } from 'zod';

/** Where a REST call goes, relative to the connection's URL. */
export interface RestWire {
  protocol: 'rest';
  method: 'GET' | 'POST';
  path: string;
}

/** A SOAP 1.1 document/literal operation in the connector's namespace. */
export interface SoapWire {
  protocol: 'soap';
  operation: string;
  responseElement: string;
}

/** A service of the DVCQG envelope. */
export interface DvcqgWire {
  protocol: 'dvcqg';
  service: string;
  isUpdating: boolean;
}

/** A call to the national document axis. */
export interface EdxmlWire {
  protocol: 'edxml';
  method: 'GET' | 'POST';
  path: string;
  messageType?: 'edoc' | 'status';
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
 * request element's children for SOAP, the `data` items for DVCQG, an XML document or a
 * query for edXML.
 */
export type ProviderRequest =
  | { kind: 'json'; body: unknown }
  | { kind: 'query'; query: Record<string, string> }
  | { kind: 'xml'; xml: string };

export interface OperationDefinition<I = unknown> {
  wire: Wire;
  /** Set where one operation's format is less (or more) known than the rest of its connector's. */
  fidelity?: Fidelity;
  /** The provincial JSON this operation accepts. */
  input: z.ZodType<I>;
  /** Input fields that hold personal data: never logged, kept out of queued job data where possible. */
  personalFields?: readonly string[];
  /**
   * Set when a ready-made XML document (`Content-Type: application/xml`) is accepted:
   * turns it into the raw input that `input` then validates.
   */
  xmlInput?: (xml: string) => unknown;
  /** Checks that need more than a schema (an XML document's structure); throws a GatewayError. */
  check?: (input: I) => Promise<void>;
  toProvider(input: I, ctx: MapContext): ProviderRequest;
  /** Maps the provider's decoded answer back to provincial JSON; throws when the answer lacks what it needs. */
  fromProvider(answer: unknown, ctx: MapContext): unknown;
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
