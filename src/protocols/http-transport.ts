import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { ConnectionConfig } from '../config/schema';
import type { AuthProfile, ProviderAuth, SignedRequest } from '../provider-auth/provider-auth';
import { classifyTransportError } from './classify-transport-error';
import type { OutboundRequest, OutboundResponse } from './outbound-message';

export type { OutboundRequest, OutboundResponse } from './outbound-message';

export interface ExchangeContext {
  requestId: string;
  idempotencyKey?: string;
  /** Aborts the call (the connection's deadline, or the caller giving up). */
  signal: AbortSignal;
}

/** Largest provider answer read, text or bytes alike; a bigger one is a bad response, not a memory spike. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The shared client: the gateway's own token and session fetches; provider calls take their connection's agent. */
export function createHttpClient(options: { maxAnswerBytes?: number } = {}): AxiosInstance {
  const maxBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  return axios.create({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 256 }),
    maxContentLength: maxBytes,
    maxBodyLength: maxBytes,
    maxRedirects: 0,
    proxy: false,
    decompress: true,
  });
}

/**
 * Sends one request to a provider: adds the request id, idempotency key and the credentials
 * of the connection's auth profile, signs once more and resends when the provider refuses
 * those credentials (an expired token, a stale session), and turns a call that got no answer
 * into the contract's error types. It never interprets the answer: that is the protocol
 * adapter's work.
 */
export class HttpTransport {
  /**
   * One agent per connection (its bulkhead), made on first use: providers behind the national
   * platform share its host, so one shared agent made one slow provider's calls queue every
   * other connection's calls for a socket.
   */
  private readonly agents = new Map<string, http.Agent>();
  /** Requests sent again because their kept-alive socket had been closed by the provider. */
  staleSocketRetries = 0;

  constructor(
    private readonly http: AxiosInstance,
    private readonly auths: ReadonlyMap<AuthProfile, ProviderAuth>,
  ) {}

  /** Ends every connection's idle kept-alive sockets. */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  /** A connection's own agent: its cap, sockets in use, idle kept-alive sockets and requests waiting for one (null before its first call). */
  socketUse(serviceId: string): { maxSockets: number; sockets: number; free: number; waiting: number } | null {
    const agent = this.agents.get(serviceId);
    if (!agent) return null;
    const count = (m: NodeJS.ReadOnlyDict<unknown[]>): number => Object.values(m).reduce((n, list) => n + (list?.length ?? 0), 0);
    return { maxSockets: agent.maxSockets, sockets: count(agent.sockets), free: count(agent.freeSockets), waiting: count(agent.requests) };
  }

  private agentFor(conn: ConnectionConfig): http.Agent {
    let agent = this.agents.get(conn.id);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: conn.bulkhead.maxSockets };
      agent = conn.url.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
      this.agents.set(conn.id, agent);
    }
    return agent;
  }

  async send(conn: ConnectionConfig, req: OutboundRequest, ctx: ExchangeContext): Promise<OutboundResponse> {
    const url = conn.url + req.path + (req.query ? `?${new URLSearchParams(req.query).toString()}` : '');
    const auth = conn.auth === 'none' ? undefined : this.auths.get(conn.auth);
    if (!auth) return this.sendOnce(conn, url, req, ctx);
    const signable = { ...req, url };
    const first = await auth.sign(signable);
    const res = await this.sendOnce(conn, url, { ...req, ...first }, ctx);
    if (!auth.refused(res, first)) return res;
    return this.sendOnce(conn, url, { ...req, ...(await auth.sign(signable)) }, ctx);
  }

  /**
   * A kept-alive socket the provider closed while it sat idle fails the next request sent on it
   * (reset, or "socket hang up") before any answer: the request never reached the provider's
   * handler, so it is sent once more, on another socket (Node's documented remedy). Any other
   * failure, or a second one, is the provider's.
   */
  private async sendOnce(
    conn: ConnectionConfig,
    url: string,
    req: OutboundRequest & Partial<SignedRequest>,
    ctx: ExchangeContext,
  ): Promise<OutboundResponse> {
    try {
      return await this.sendRaw(conn, url, req, ctx);
    } catch (err) {
      if (!staleKeepAlive(err) || ctx.signal.aborted) throw classifyTransportError(err, `the provider of ${conn.id}`);
      this.staleSocketRetries += 1;
    }
    try {
      return await this.sendRaw(conn, url, req, ctx);
    } catch (err) {
      throw classifyTransportError(err, `the provider of ${conn.id}`);
    }
  }

  private async sendRaw(
    conn: ConnectionConfig,
    url: string,
    req: OutboundRequest & Partial<SignedRequest>,
    ctx: ExchangeContext,
  ): Promise<OutboundResponse> {
    const headers: Record<string, string> = { ...req.headers, 'X-Request-Id': ctx.requestId };
    if (ctx.idempotencyKey) headers['Idempotency-Key'] = ctx.idempotencyKey;
    const agent = this.agentFor(conn);
    const binary = req.responseType === 'binary';
    // The client's maxContentLength bounds an arraybuffer answer exactly as it bounds a text one.
    const res = await this.http.request<unknown>({
      ...(agent instanceof https.Agent ? { httpsAgent: agent } : { httpAgent: agent }),
      method: req.method,
      url,
      headers,
      data: req.body,
      signal: ctx.signal,
      responseType: binary ? 'arraybuffer' : 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    });
    const responseHeaders = flattenHeaders(res.headers as Record<string, unknown>);
    const requestBytes = req.body ? Buffer.byteLength(req.body) : 0;
    if (binary) {
      const bytes = Buffer.isBuffer(res.data) ? res.data : Buffer.alloc(0);
      // Refusals and credential faults still come as JSON or XML: kept readable for the auth and the adapter.
      const body = textual(responseHeaders['content-type']) ? bytes.toString('utf8') : '';
      return { status: res.status, headers: responseHeaders, body, bytes, requestBytes, responseBytes: bytes.length };
    }
    const body = typeof res.data === 'string' ? res.data : '';
    return { status: res.status, headers: responseHeaders, body, requestBytes, responseBytes: Buffer.byteLength(body) };
  }
}

/** `application/json`, `…+xml`, `text/*`: a content type whose body is text. */
function textual(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*(text\/|application\/([\w.-]+\+)?(json|xml)\b)/i.test(contentType);
}

/** A request that failed on a reused kept-alive socket before any answer came (see sendOnce). */
function staleKeepAlive(err: unknown): boolean {
  const e = err as { code?: string; message?: string; response?: unknown; request?: { reusedSocket?: boolean } };
  if (e?.response !== undefined || e?.request?.reusedSocket !== true) return false;
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'socket hang up';
}

function flattenHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined && value !== null) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
