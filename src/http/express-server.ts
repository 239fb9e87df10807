import http, { IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

type Construct<T> = (this: T, ...args: never[]) => void;

/**
 * An HTTP server for an express app whose requests and responses are born with the app's own
 * prototypes (`app.request`, `app.response`). Express re-parents every req and res with
 * `Object.setPrototypeOf` when they arrive; on an object that already has that prototype it
 * is a no-op. Re-parented, they outlive V8's young-generation collections: at 500 requests/s
 * about 3.5 MB survived each scavenge and every scavenge paused the process 12–15 ms, against
 * 30 KB and 1.5–2 ms born this way (expressjs/express#5998 describes the same fix).
 */
export function createExpressServer(app: Express, options: { connectionsCheckingIntervalMs?: number } = {}): Server {
  function Request(this: IncomingMessage, socket: Socket): void {
    (IncomingMessage as unknown as Construct<IncomingMessage>).call(this, socket as never);
  }
  Request.prototype = app.request;
  function Response(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (ServerResponse as unknown as Construct<ServerResponse>).call(this, req as never, options as never);
  }
  Response.prototype = app.response;
  return http.createServer(
    {
      IncomingMessage: Request as unknown as typeof IncomingMessage,
      ServerResponse: Response as unknown as typeof ServerResponse,
      // How often headers/request timeouts are enforced (Node's default, 30 s, lets a slowloris
      // client hold a socket up to 30 s past the headers timeout).
      ...(options.connectionsCheckingIntervalMs ? { connectionsCheckingInterval: options.connectionsCheckingIntervalMs } : {}),
    },
    app,
  );
}

/**
 * `app.listen`, on a server from `createExpressServer`; resolves once it listens. After that,
 * `onError` receives the server's errors (EMFILE/ENFILE when accepting, other accept
 * failures): without a listener Node throws them and the whole process dies, while the
 * server itself keeps listening and recovers once descriptors free up.
 */
export function listenExpress(
  app: Express,
  port: number,
  host: string,
  options: { onError?: (err: NodeJS.ErrnoException) => void; connectionsCheckingIntervalMs?: number } = {},
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createExpressServer(app, options);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      server.on('error', (err: NodeJS.ErrnoException) => options.onError?.(err));
      resolve(server);
    });
  });
}
