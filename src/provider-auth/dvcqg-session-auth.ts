import type { AxiosInstance } from 'axios';
import { GatewayError } from '../errors/gateway-error';
import { classifyTransportError } from '../protocols/classify-transport-error';
import { isDvcqgSuccess } from '../protocols/dvcqg-adapter';
import type { OutboundResponse } from '../protocols/http-transport';
import { asObject, tryParseJson } from '../protocols/provider-error';
import type { ProviderAuth, SignableRequest } from './provider-auth';

export interface DvcqgSessionSettings {
  loginUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

/**
 * The portal's answer to an envelope whose session it no longer knows. Public clients show no
 * code for it (they keep one session until an operator clears it), so this is the code the
 * mock portal uses; see the decision in the wire-format notes.
 */
export const DVCQG_STALE_SESSION_CODE = '03';

/**
 * The gateway's one session at the portal: `POST <loginUrl> {"username","password"}` →
 * `{"error_code":0,"session":"…"}`, kept for every later envelope until the portal refuses it.
 * Concurrent callers share one login.
 */
export class DvcqgSessionClient {
  private session: string | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly http: AxiosInstance,
    private readonly settings: DvcqgSessionSettings,
  ) {}

  getSession(): Promise<string> {
    if (this.session !== null) return Promise.resolve(this.session);
    if (!this.inflight) {
      this.inflight = this.login().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Drops a session the portal refused, unless another caller already replaced it. */
  invalidate(session: string): void {
    if (this.session === session) this.session = null;
  }

  private async login(): Promise<string> {
    let res;
    try {
      res = await this.http.post(
        this.settings.loginUrl,
        JSON.stringify({ username: this.settings.username, password: this.settings.password }),
        {
          headers: { Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
          signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000),
          responseType: 'text',
          transformResponse: (data: unknown) => data,
          validateStatus: () => true,
        },
      );
    } catch (err) {
      throw classifyTransportError(err, 'the public service portal login');
    }
    const body = asObject(tryParseJson(typeof res.data === 'string' ? res.data : ''));
    const session = body?.['session'];
    if (res.status !== 200 || !isDvcqgSuccess(body?.['error_code']) || typeof session !== 'string' || session === '') {
      const code = body?.['error_code'];
      throw new GatewayError(
        'Server.Provider.Error',
        `The public service portal refused the gateway's login: ${String(body?.['message'] ?? `HTTP ${res.status}`)}`,
        {
          providerCode: typeof code === 'string' || typeof code === 'number' ? String(code) : `HTTP-${res.status}`,
          providerStatus: res.status,
          retryable: res.status >= 500,
        },
      );
    }
    this.session = session;
    return session;
  }
}

/** The envelope with the session filled in; the adapter leaves `session` empty. */
function withSession(req: SignableRequest, session: string): string {
  const envelope = asObject(tryParseJson(req.body ?? ''));
  if (envelope === null) throw new Error('dvcqg-session signs DVCQG envelopes only');
  return JSON.stringify({ ...envelope, session });
}

function staleSession(res: OutboundResponse): boolean {
  if (res.status === 401) return true;
  const body = asObject(tryParseJson(res.body));
  return body !== null && String(body['error_code']) === DVCQG_STALE_SESSION_CODE;
}

/** DVCQG adapter: the session travels inside the JSON envelope, not in a header. */
export function dvcqgSessionAuth(sessions: DvcqgSessionClient): ProviderAuth {
  return {
    profile: 'dvcqg-session',
    async sign(req) {
      const session = await sessions.getSession();
      return { headers: { ...req.headers }, body: withSession(req, session), credential: session };
    },
    refused(res, used) {
      if (!staleSession(res)) return false;
      if (used.credential) sessions.invalidate(used.credential);
      return true;
    },
  };
}
