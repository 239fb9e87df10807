import type { AxiosInstance } from 'axios';
import { GatewayError } from '../errors/gateway-error';
import { classifyTransportError } from '../protocols/classify-transport-error';
import { asObject, tryParseJson } from '../protocols/provider-error';

export interface NgspTokenSettings {
  tokenUrl: string;
  /** Sent as `Authorization: Basic` when given (WSO2's consumer key and secret). */
  consumerKey?: string;
  consumerSecret?: string;
  /** Headers the token call carries besides (a VNPT-built LGSP's `lgspaccesstoken`). */
  headers?: Readonly<Record<string, string>>;
  refreshMarginSeconds: number;
  timeoutMs?: number;
}

interface CachedToken {
  value: string;
  /** When to fetch the next one: the margin before expiry, or half-way for a token shorter-lived than twice the margin. */
  refreshAt: number;
}

/**
 * The gateway's own OAuth2 client-credentials token at the national platform (WSO2 style):
 * fetched once, shared by every NGSP call of the process, refreshed before it expires, and
 * refreshed at once when a provider says it is no longer valid. Concurrent callers share
 * one fetch.
 */
export class NgspTokenClient {
  private cached: CachedToken | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly http: AxiosInstance,
    private readonly settings: NgspTokenSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  async getToken(): Promise<string> {
    if (this.cached && this.cached.refreshAt > this.clock()) return this.cached.value;
    return this.refresh();
  }

  /** Drops a token a provider refused, unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private refresh(): Promise<string> {
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async fetchToken(): Promise<string> {
    const { consumerKey, consumerSecret } = this.settings;
    const basic =
      consumerKey !== undefined
        ? { Authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret ?? ''}`).toString('base64')}` }
        : {};
    let res;
    try {
      res = await this.http.post(this.settings.tokenUrl, 'grant_type=client_credentials', {
        headers: { ...basic, ...this.settings.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000),
        responseType: 'text',
        validateStatus: () => true,
      });
    } catch (err) {
      throw classifyTransportError(err, 'the national platform token endpoint');
    }
    const body = asObject(tryParseJson(typeof res.data === 'string' ? res.data : ''));
    const token = body?.['access_token'];
    const expiresIn = Number(body?.['expires_in'] ?? 3600);
    if (res.status !== 200 || typeof token !== 'string') {
      throw new GatewayError('Server.Provider.Error', `The national platform refused the gateway's token request (HTTP ${res.status})`, {
        providerCode: typeof body?.['error'] === 'string' ? body['error'] : `HTTP-${res.status}`,
        providerStatus: res.status,
        retryable: res.status >= 500,
      });
    }
    const lifetime = expiresIn * 1000;
    this.cached = { value: token, refreshAt: this.clock() + Math.max(lifetime - this.settings.refreshMarginSeconds * 1000, lifetime / 2) };
    return token;
  }
}
