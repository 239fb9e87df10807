import type { OutboundRequest, OutboundResponse } from '../protocols/outbound-message';

/** How a provider family authenticates a client: one profile per connection, named in the catalog. */
export const AUTH_PROFILES = ['ngsp-wso2', 'dvcqg-session', 'vxp-hmac', 'c06-basic', 'lgsp-access-token', 'none'] as const;
export type AuthProfile = (typeof AUTH_PROFILES)[number];

/** One request as it is about to leave: its full URL (query included) and what the protocol adapter built. */
export interface SignableRequest extends OutboundRequest {
  readonly url: string;
}

/** The request with credentials added; `credential` names what was used, so a refusal can drop exactly that. */
export interface SignedRequest {
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly credential?: string;
}

/**
 * A provider's authentication, written once per provider family: adds its credentials to each
 * outbound request and recognises the provider's own "credentials refused" answer, after which
 * the transport signs once more with fresh credentials (a new token, a new session) and resends.
 */
export interface ProviderAuth {
  readonly profile: AuthProfile;
  sign(req: SignableRequest): Promise<SignedRequest>;
  /** True when `res` refuses the credentials of `used` and fresh ones may pass; drops them. */
  refused(res: OutboundResponse, used: SignedRequest): boolean;
}
