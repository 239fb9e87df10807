import axios, { type AxiosInstance } from 'axios';
import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../../mocks/auth/lgsp-access-token';
import { startMocks, type RunningMocks } from '../../../mocks/main';

export const NGSP_KEY = 'lgsp-bac-giang';
export const NGSP_SECRET = 'lgsp-bac-giang-ngsp-secret';

/** Both mock servers on port 0 and HTTP clients that never throw on a status. */
export interface Harness {
  readonly mocks: RunningMocks;
  /** NGSP client carrying a valid bearer token and the LGSP partner header (services on `lgsp-access-token` need both). */
  readonly ngsp: AxiosInstance;
  /** NGSP client without a token (token endpoint, control API). */
  readonly ngspRaw: AxiosInstance;
  readonly province: AxiosInstance;
  /** Resets faults and journals on both servers. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const client = (baseURL: string, headers: Record<string, string> = {}): AxiosInstance =>
  axios.create({ baseURL, headers, validateStatus: () => true, transformResponse: (body: unknown) => body, timeout: 20_000 });

/** The `lgspaccesstoken` header of the development partner. */
export const DEV_LGSP_ACCESS_TOKEN = lgspAccessTokenOf(DEV_LGSP_PARTNER);

export async function fetchToken(baseURL: string): Promise<string> {
  const res = await client(baseURL).post('/token', 'grant_type=client_credentials', {
    auth: { username: NGSP_KEY, password: NGSP_SECRET },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return (JSON.parse(String(res.data)) as { access_token: string }).access_token;
}

export async function startHarness(seed?: number): Promise<Harness> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0, seed, logLevel: 'silent' });
  const token = await fetchToken(mocks.ngspUrl);
  const ngspRaw = client(mocks.ngspUrl);
  const province = client(mocks.provinceUrl);
  return {
    mocks,
    ngsp: client(mocks.ngspUrl, { Authorization: `Bearer ${token}`, lgspaccesstoken: DEV_LGSP_ACCESS_TOKEN }),
    ngspRaw,
    province,
    async reset() {
      for (const c of [ngspRaw, province]) {
        await c.delete('/__mock/faults');
        await c.delete('/__mock/journal');
      }
    },
    close: () => mocks.close(),
  };
}

export function json<T = Record<string, unknown>>(body: unknown): T {
  return JSON.parse(String(body)) as T;
}
