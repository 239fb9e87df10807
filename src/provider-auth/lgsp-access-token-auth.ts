import type { AxiosInstance } from 'axios';
import type { ProviderAuthSettings } from '../config/schema';
import { NgspTokenClient } from '../ngsp/ngsp-token-client';
import type { ProviderAuth } from './provider-auth';

type LgspAccessTokenSettings = ProviderAuthSettings['lgspAccessToken'];

/**
 * The `lgspaccesstoken` header of VNPT-built provincial platforms: base64 of the JSON
 * `{"AccessKey","SecretKey","AppName","PartnerCode","PartnerCodeCus"}`, in that order.
 */
export function lgspAccessTokenHeader(s: LgspAccessTokenSettings): string {
  const json = JSON.stringify({
    AccessKey: s.accessKey,
    SecretKey: s.secretKey,
    AppName: s.appName,
    PartnerCode: s.partnerCode,
    PartnerCodeCus: s.partnerCodeCus,
  });
  return Buffer.from(json, 'utf8').toString('base64');
}

/**
 * `lgsp-access-token`: the header goes on the token call (client credentials, no Basic) and
 * on every call beside the bearer it gave; a 401 drops the bearer and signs once more.
 */
export function lgspAccessTokenAuth(http: AxiosInstance, settings: LgspAccessTokenSettings, refreshMarginSeconds: number): ProviderAuth {
  const header = lgspAccessTokenHeader(settings);
  const tokens = new NgspTokenClient(http, { tokenUrl: settings.tokenUrl, headers: { lgspaccesstoken: header }, refreshMarginSeconds });
  return {
    profile: 'lgsp-access-token',
    async sign(req) {
      const token = await tokens.getToken();
      return {
        headers: { ...req.headers, Authorization: `Bearer ${token}`, lgspaccesstoken: header },
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
