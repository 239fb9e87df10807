import net from 'node:net';

/** What came back on a raw socket: the status (0 when the server closed without answering). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/**
 * Writes `chunks` to a fresh socket (pausing `gapMs` between them) and reads until the server
 * closes or `timeoutMs` passes. Raw bytes, so smuggling shapes and broken framing reach the
 * server exactly as written.
 */
export function rawRequest(
  port: number,
  chunks: ReadonlyArray<string | Buffer>,
  opts: { gapMs?: number; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(received).toString('latin1'), Date.now() - started));
    };
    const timer = setTimeout(finish, opts.timeoutMs ?? 3000);
    socket.on('data', (d: Buffer) => {
      received.push(d);
      // A whole answer is enough: the server may keep reading a body it has already refused.
      if (answerComplete(Buffer.concat(received).toString('latin1'))) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      void (async () => {
        for (const chunk of chunks) {
          if (done || socket.destroyed) return;
          socket.write(chunk);
          if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
        }
      })();
    });
  });
}

function answerComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1];
  if (length !== undefined) return Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(length);
  return /\r\ntransfer-encoding:\s*chunked/i.test(text.slice(0, end)) && text.endsWith('0\r\n\r\n');
}

function parse(text: string, ms: number): RawAnswer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = rest.join('\r\n\r\n');
  if (headers['transfer-encoding'] === 'chunked') body = body.replace(/^[0-9a-f]+\r\n/gim, '').replace(/\r\n/g, '');
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8'), ms };
}

/** An HTTP/1.1 request as text, with `Connection: close` and a Content-Length unless `raw`. */
export function httpText(method: string, path: string, headers: Record<string, string>, body: string | Buffer = ''): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = {
    Host: '127.0.0.1',
    Connection: 'close',
    ...(bytes.length || method === 'POST' ? { 'Content-Length': String(bytes.length) } : {}),
    ...headers,
  };
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}
