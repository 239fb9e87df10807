import axios from 'axios';
import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../../mocks/auth/lgsp-access-token';
import type { GoldenStack } from './golden-stack';

export { NO_MATCHING_RESOURCE } from '../../../mocks/ngsp-mock';

/** The development partner's `lgspaccesstoken` header. */
export const LGSP_PARTNER = lgspAccessTokenOf(DEV_LGSP_PARTNER);

/** What a client of an `lgsp-access-token` service sends: the bearer its partner header got at `/token`, and the header. */
export async function lgspCredentials(golden: GoldenStack): Promise<Record<string, string>> {
  const token = await axios.post(`${golden.mocks.ngspUrl}/token`, 'grant_type=client_credentials', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', lgspaccesstoken: LGSP_PARTNER },
  });
  return { Authorization: `Bearer ${token.data.access_token as string}`, lgspaccesstoken: LGSP_PARTNER };
}
