import type { NgspTokenClient } from '../ngsp/ngsp-token-client';
import type { ProviderAuth } from './provider-auth';

/** NGSP (WSO2 API Manager): the gateway's client-credentials token as `Authorization: Bearer`; a 401 drops it. */
export function ngspWso2Auth(tokens: NgspTokenClient): ProviderAuth {
  return {
    profile: 'ngsp-wso2',
    async sign(req) {
      const token = await tokens.getToken();
      return {
        headers: { ...req.headers, Authorization: `Bearer ${token}` },
        ...(req.body !== undefined ? { body: req.body } : {}),
        credential: token,
      };
    },
    refused(res, used) {
      if (res.status !== 401) return false;
      if (used.credential) tokens.invalidate(used.credential);
      return true;
    },
  };
}
