import http from 'node:http';
import https from 'node:https';
import type { GatewaySettings } from '../config/schema';
import { SIGNATURE_HEADER, signBody, type CallbackNotice } from './callback-notice';

/** One callback to send: the consumer, its configured URL and the notice. */
export interface CallbackJobData {
  consumer: string;
  url: string;
  notice: CallbackNotice;
}

/**
 * Signed POSTs of notices to consumers. One small JSON body out, a status code back: sent
 * with node's own HTTP client on keep-alive sockets, since every finished job sends one and
 * a general-purpose client costs the worker more than the request itself.
 */
export class CallbackSender {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  private readonly urls = new Map<string, URL>();

  constructor(private readonly settings: Pick<GatewaySettings['callbacks'], 'signingKey' | 'timeoutMs'>) {}

  /** Resolves when the consumer answers 2xx within the timeout; rejects otherwise. */
  send(callback: CallbackJobData): Promise<void> {
    const body = JSON.stringify(callback.notice);
    const url = this.parse(callback.url);
    const client = url.protocol === 'https:' ? https : http;
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      [SIGNATURE_HEADER]: signBody(body, this.settings.signingKey),
      'X-Request-Id': callback.notice.requestId,
    };
    return new Promise<void>((resolve, reject) => {
      const req = client.request(url, { method: 'POST', headers, agent: this.agents[url.protocol === 'https:' ? 'https:' : 'http:'] }, (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`callback to ${callback.consumer} answered HTTP ${status}`));
        });
        // The answer's body means nothing to the gateway; reading it frees the socket for the next notice.
        res.resume();
      });
      const timer = setTimeout(() => req.destroy(new Error(`callback to ${callback.consumer} not answered within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });
  }

  private parse(raw: string): URL {
    let url = this.urls.get(raw);
    if (!url) {
      url = new URL(raw);
      this.urls.set(raw, url);
    }
    return url;
  }

  /** Closes the idle keep-alive sockets. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
