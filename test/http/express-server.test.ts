import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express, { type Express } from 'express';
import pino from 'pino';
import { accessLog } from '../../src/http/access-log';
import { listenExpress } from '../../src/http/express-server';
import { requestId } from '../../src/http/request-id';
import type { GatewayMetrics } from '../../src/metrics/gateway-metrics';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(app: Express, onArrival?: Parameters<Server['prependListener']>[1]): Promise<string> {
  const server = await listenExpress(app, 0, '127.0.0.1');
  if (onArrival) server.prependListener('request', onArrival);
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('requests and responses are born with the app prototypes, and express works on them as usual', async () => {
  const app = express();
  const seen: boolean[] = [];
  app.use(express.json());
  app.post('/echo/:id', (req, res) => {
    res.locals['x'] = req.params['id'];
    res
      .status(201)
      .setHeader('X-Seen', String(req.get('x-caller')))
      .json({ id: res.locals['x'], body: req.body as unknown });
  });
  // A sub-app re-parents the request on its way in and gives it back on its way out.
  const sub = express();
  sub.get('/who', (req, res) => {
    seen.push(Object.getPrototypeOf(req) === sub.request);
    res.send('sub');
  });
  app.use('/sub', sub);
  app.get('/after-sub', (req, res) => res.send(String(Object.getPrototypeOf(req) === app.request)));
  // Before express sees them: nothing left for its Object.setPrototypeOf to change.
  const born: boolean[] = [];
  const base = await serve(app, (req: unknown, res: unknown) =>
    born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response),
  );

  const res = await fetch(`${base}/echo/42`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-caller': 'mot-cua' },
    body: '{"a":1}',
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-seen')).toBe('mot-cua');
  expect(await res.json()).toEqual({ id: '42', body: { a: 1 } });
  expect(await (await fetch(`${base}/sub/who`)).text()).toBe('sub');
  expect(await (await fetch(`${base}/after-sub`)).text()).toBe('true');
  expect((await fetch(`${base}/nothing`)).status).toBe(404);
  expect(born).toEqual([true, true, true, true]);
  expect(seen).toEqual([true]);
});

test('a port already taken rejects instead of throwing later', async () => {
  const app = express();
  const taken = new URL(await serve(app)).port;
  await expect(listenExpress(app, Number(taken), '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
});

describe('access log', () => {
  function logged(level: string) {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const observed: Array<{ route: string; status: number }> = [];
    const metrics = {
      observeHttpRequest: (req: express.Request, res: express.Response) =>
        observed.push({ route: String(req.route?.path), status: res.statusCode }),
    } as unknown as GatewayMetrics;
    const app = express();
    app.use(requestId, accessLog(pino({ level }, stream), metrics));
    app.get('/ok', (_req, res) => res.json({ ok: true }));
    app.get('/boom', (_req, res) => res.status(503).json({ ok: false }));
    app.get('/slow', () => undefined);
    return { app, lines, observed };
  }

  test('at info every answer is a line with its request id, path without the query, status and time', async () => {
    const { app, lines, observed } = logged('info');
    const base = await serve(app);
    await fetch(`${base}/ok?secret=1`, { headers: { 'x-request-id': 'req-1' } });
    await fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-2' } });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        requestId: 'req-1',
        req: { method: 'GET', url: '/ok' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({
        level: 40,
        msg: 'request completed',
        requestId: 'req-2',
        req: { method: 'GET', url: '/boom' },
        res: { statusCode: 503 },
      }),
    ]);
    expect(observed).toEqual([
      { route: '/ok', status: 200 },
      { route: '/boom', status: 503 },
    ]);
  });

  test('at warn only 5xx answers and requests dropped before an answer are written; metrics see every answer', async () => {
    const { app, lines, observed } = logged('warn');
    const base = await serve(app);
    await fetch(`${base}/ok`);
    await fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-3' } });
    const gone = new AbortController();
    const pending = fetch(`${base}/slow`, { headers: { 'x-request-id': 'req-4' }, signal: gone.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    gone.abort();
    expect(await pending).toBe('aborted');
    for (let i = 0; i < 50 && lines.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'request completed', requestId: 'req-3', res: { statusCode: 503 } }),
      expect.objectContaining({
        level: 40,
        msg: 'request closed before it was answered',
        requestId: 'req-4',
        req: { method: 'GET', url: '/slow' },
      }),
    ]);
    expect(observed.map((o) => o.status)).toEqual([200, 503]);
  });
});
