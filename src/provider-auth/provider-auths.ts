import type { AxiosInstance } from 'axios';
import type { ConnectionConfig, ProviderAuthSettings } from '../config/schema';
import { NgspTokenClient, type NgspTokenSettings } from '../ngsp/ngsp-token-client';
import { c06BasicAuth } from './c06-basic-auth';
import { DvcqgSessionClient, dvcqgSessionAuth } from './dvcqg-session-auth';
import { lgspAccessTokenAuth } from './lgsp-access-token-auth';
import { ngspWso2Auth } from './ngsp-wso2-auth';
import type { AuthProfile, ProviderAuth } from './provider-auth';
import { vxpHmacAuth } from './vxp-hmac-auth';

export interface ProviderAuthDeps {
  http: AxiosInstance;
  ngsp: NgspTokenSettings;
  providerAuth: ProviderAuthSettings;
}

/** One authenticator per profile, shared by every connection that names it (one token, one session). */
export function createProviderAuths(deps: ProviderAuthDeps): ReadonlyMap<AuthProfile, ProviderAuth> {
  const auths: ProviderAuth[] = [
    ngspWso2Auth(new NgspTokenClient(deps.http, deps.ngsp)),
    c06BasicAuth(deps.providerAuth.c06Basic),
    dvcqgSessionAuth(new DvcqgSessionClient(deps.http, deps.providerAuth.dvcqgSession)),
    lgspAccessTokenAuth(deps.http, deps.providerAuth.lgspAccessToken, deps.ngsp.refreshMarginSeconds),
    vxpHmacAuth(deps.providerAuth.vxpHmac),
  ];
  return new Map(auths.map((a) => [a.profile, a]));
}

/** Fails at boot, naming every connection whose profile has no authenticator. */
export function checkAuthProfiles(connections: readonly ConnectionConfig[], auths: ReadonlyMap<AuthProfile, ProviderAuth>): void {
  const missing = connections.filter((c) => c.auth !== 'none' && !auths.has(c.auth)).map((c) => `${c.id} (${c.auth})`);
  if (missing.length) throw new Error(`No authenticator for the auth profile of: ${missing.join(', ')}`);
}
