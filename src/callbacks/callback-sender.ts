import http from 'node:http';
import https from 'node:https';
import type { GatewaySettings } from '../config/schema';
import type { CallbackJobData } from './callback-notice';
import { SIGNATURE_HEADER, signCallback } from './callback-signature';
import type { CallbackTargets } from './callback-targets';

export type { CallbackJobData } from './callback-notice';

/**
 * Signed POSTs of notices to consumers. One small JSON body out, a status code back: sent
 * with node's own HTTP client on keep-alive sockets, since every finished job sends one and
 * a general-purpose client costs the worker more than the request itself. The URL and keys
 * are the consumer's in the loaded config at the moment of sending; the signature's
 * timestamp too, so a notice retried for an hour is still fresh when it arrives.
 */
export class CallbackSender {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(
    private readonly targets: CallbackTargets,
    private readonly settings: Pick<GatewaySettings['callbacks'], 'timeoutMs'>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /**
   * Resolves true when the consumer answers 2xx within the timeout, false when config gives the
   * consumer no callback URL any more (nothing to send: the notice is done with); rejects otherwise.
   */
  send(callback: CallbackJobData): Promise<boolean> {
    const target = this.targets.get(callback.consumer);
    if (!target) return Promise.resolve(false);
    const { url } = target;
    const body = JSON.stringify(callback.notice);
    const client = url.protocol === 'https:' ? https : http;
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      [SIGNATURE_HEADER]: signCallback(body, target.keys, this.nowMs() / 1000),
      'X-Request-Id': callback.notice.requestId,
    };
    return new Promise<boolean>((resolve, reject) => {
      const req = client.request(
        url,
        { method: 'POST', headers, agent: this.agents[url.protocol === 'https:' ? 'https:' : 'http:'] },
        (res) => {
          const status = res.statusCode ?? 0;
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            if (status >= 200 && status < 300) resolve(true);
            else reject(new Error(`callback to ${callback.consumer} answered HTTP ${status}`));
          });
          // The answer's body means nothing to the gateway; reading it frees the socket for the next notice.
          res.resume();
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`callback to ${callback.consumer} not answered within ${this.settings.timeoutMs} ms`)),
        this.settings.timeoutMs,
      );
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });
  }

  /** Closes the idle keep-alive sockets. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
