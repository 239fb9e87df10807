import type { Request, Router } from 'express';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { MockReply } from './mock-reply';
import { ProviderError } from './provider-error';

// Its own file so the auth checks, which answer with replies, do not import the service model.
export type { MockReply } from './mock-reply';

/** A decoded call: which operation it is, and the business work (run once, even for repeated keys). */
export interface Dispatch {
  readonly operationId: string;
  run(): Promise<MockReply> | MockReply;
}

/** An operation as the provider names it on the wire (SOAP element, DVCQG service, REST resource). */
export interface WireOperation {
  readonly operationId: string;
  readonly wireOperation: string;
}

export interface ServiceEndpoint {
  readonly method: 'get' | 'post';
  readonly path: string;
  /** The operations this endpoint serves, for `GET /__mock/services`. */
  readonly operations: readonly WireOperation[];
  /** Largest accepted body, in body-parser notation ("10mb"). */
  readonly bodyLimit: string;
  /** Decodes the protocol request and picks the operation; a reply here is a protocol-level refusal. */
  decode(req: Request): Promise<Dispatch | MockReply>;
}

/** How a protocol writes a provider error, and its HTTP status when the fault gives none. */
export interface ProtocolAdapter {
  readonly name: 'soap' | 'rest-json' | 'dvcqg' | 'edxml';
  errorReply(error: ProviderError, status?: number): MockReply;
}

/** One mocked provider: its id, operations and endpoints, in its own wire format. */
export interface MockService {
  readonly id: string;
  readonly providerName: string;
  /** Prefix of the provider's error codes (`DC` → `DC-404`, `DC-500`). */
  readonly errorPrefix: string;
  readonly operations: readonly string[];
  /** How the provider authenticates its clients (checked before faults and work). */
  readonly auth: MockAuthProfile;
  /** `public-artefacts` when the wire format follows public material, `modelled` otherwise. */
  readonly fidelity: 'public-artefacts' | 'modelled';
  readonly protocol: ProtocolAdapter;
  readonly endpoints: readonly ServiceEndpoint[];
  /** Routes outside the fault/token/journal pipeline (the WSDL). */
  mountPublicRoutes?(router: Router): void;
}

export function isReply(value: Dispatch | MockReply): value is MockReply {
  return 'status' in value && 'body' in value;
}

/** Runs a provider's work; a ProviderError it throws becomes the protocol's own error answer. */
export async function replyOrProviderError(protocol: ProtocolAdapter, work: () => Promise<MockReply>): Promise<MockReply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ProviderError) return protocol.errorReply(err);
    throw err;
  }
}
