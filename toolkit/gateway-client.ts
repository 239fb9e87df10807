import http from 'node:http';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';

/** Development credentials of the default config: `<id>-dev-secret`. */
export const DEV_CREDENTIALS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(['mot-cua', 'qlvb', 'bao-cao', 'van-hanh'].map((id) => [id, `${id}-dev-secret`])),
);
export const CONSUMERS = ['mot-cua', 'qlvb', 'bao-cao'] as const;
export const OPERATOR = 'van-hanh';

export interface DirectoryOperation {
  id: string;
  mode: 'sync' | 'async';
  example: unknown;
}

export interface DirectoryService {
  id: string;
  direction: 'ngsp' | 'internal';
  operations: DirectoryOperation[];
}

export type RequestBody = { kind: 'json'; value: unknown } | { kind: 'xml'; text: string };

export interface CallRequest {
  consumer: string;
  serviceId: string;
  operationId: string;
  body: RequestBody;
  requestId: string;
  idempotencyKey?: string;
  respondAsync?: boolean;
  timeoutMs: number;
}

export interface CallAnswer {
  /** HTTP status, or 0 when no answer came. */
  status: number;
  errorType?: string;
  jobId?: string;
  latencyMs: number;
}

export interface JobView {
  jobId: string;
  status: string;
  attempts: number;
  error?: { type?: string };
}

/** The gateway as a consumer and an operator see it: real HTTP, tokens cached per caller. */
export class GatewayClient {
  private readonly http: AxiosInstance;
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly directories = new Map<string, Promise<DirectoryService[]>>();

  constructor(
    readonly baseUrl: string,
    private readonly credentials: Readonly<Record<string, string>> = DEV_CREDENTIALS,
  ) {
    this.http = axios.create({
      baseURL: baseUrl.replace(/\/$/, ''),
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 128 }),
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: 64 * 1024 * 1024,
      proxy: false,
      timeout: 30_000,
    });
  }

  /** A caller's bearer token, fetched once. */
  token(who: string): Promise<string> {
    let token = this.tokens.get(who);
    if (!token) {
      token = this.fetchToken(who);
      token.catch(() => this.tokens.delete(who));
      this.tokens.set(who, token);
    }
    return token;
  }

  /** The services a caller may use (an operator sees all), fetched once per caller. */
  directory(who: string): Promise<DirectoryService[]> {
    let dir = this.directories.get(who);
    if (!dir) {
      dir = this.authed(who, { method: 'GET', url: '/api/v1/services' }).then((res) => {
        if (res.status !== 200) throw new Error(`GET /api/v1/services as ${who}: HTTP ${res.status}`);
        return (res.data as { services: DirectoryService[] }).services;
      });
      dir.catch(() => this.directories.delete(who));
      this.directories.set(who, dir);
    }
    return dir;
  }

  async call(req: CallRequest): Promise<CallAnswer> {
    const headers: Record<string, string> = { 'X-Request-Id': req.requestId };
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
    if (req.respondAsync) headers['Prefer'] = 'respond-async';
    headers['Content-Type'] = req.body.kind === 'xml' ? 'application/xml' : 'application/json';
    const data = req.body.kind === 'xml' ? req.body.text : JSON.stringify(req.body.value ?? {});
    const url = `/api/v1/services/${encodeURIComponent(req.serviceId)}/${encodeURIComponent(req.operationId)}`;
    const started = performance.now();
    try {
      const res = await this.authed(req.consumer, {
        method: 'POST',
        url,
        headers,
        data,
        timeout: req.timeoutMs,
        transformRequest: (d: unknown) => d,
      });
      const latencyMs = performance.now() - started;
      const body = (res.data ?? {}) as { type?: string; jobId?: string };
      return {
        status: res.status,
        latencyMs,
        ...(res.status >= 400 && body.type ? { errorType: body.type } : {}),
        ...(body.jobId ? { jobId: body.jobId } : {}),
      };
    } catch (err) {
      return {
        status: 0,
        latencyMs: performance.now() - started,
        errorType: `Runner.NoAnswer(${(err as { code?: string }).code ?? (err as Error).message})`,
      };
    }
  }

  async job(consumer: string, jobId: string): Promise<JobView> {
    const res = await this.authed(consumer, { method: 'GET', url: `/api/v1/jobs/${encodeURIComponent(jobId)}` });
    if (res.status === 404) return { jobId, status: 'unknown', attempts: 0 };
    if (res.status !== 200) throw new Error(`GET /api/v1/jobs/${jobId}: HTTP ${res.status}`);
    return res.data as JobView;
  }

  /** An operator call to the admin API; anything but 200 is an error of the run. */
  async admin<T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
    const res = await this.authed(OPERATOR, { method, url, data });
    if (res.status !== 200) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
    return res.data as T;
  }

  private async authed(who: string, config: AxiosRequestConfig): Promise<AxiosResponse> {
    const send = async (): Promise<AxiosResponse> =>
      this.http.request({
        ...config,
        headers: { ...(config.headers as Record<string, string> | undefined), Authorization: `Bearer ${await this.token(who)}` },
      });
    const res = await send();
    if (res.status !== 401) return res;
    this.tokens.delete(who); // expired or the gateway restarted with another key: one fresh token
    return send();
  }

  private async fetchToken(who: string): Promise<string> {
    const secret = this.credentials[who];
    if (!secret) throw new Error(`no credentials for ${who}`);
    const res = await this.http.post('/token', 'grant_type=client_credentials', {
      auth: { username: who, password: secret },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    if (res.status !== 200) throw new Error(`POST /token as ${who}: HTTP ${res.status}`);
    return (res.data as { access_token: string }).access_token;
  }
}
