import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy } from '../../drills/lib/fault-proxy';

/** An echo server: what goes through the proxy comes back through it, so both directions are seen. */
let echo: net.Server;
let proxy: FaultProxy;

beforeAll(async () => {
  echo = net.createServer({ allowHalfOpen: true }, (s) => {
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy(`127.0.0.1:${(echo.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => echo.close(resolve));
});

afterEach(() => proxy.clear());

/** Sends `data`, half-closes, and collects what comes back until the other side ends or resets. */
function roundTrip(data: Buffer, timeoutMs = 5000): Promise<{ back: Buffer; error?: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const parts: Buffer[] = [];
    const socket = net.connect(proxy.port, '127.0.0.1', () => socket.end(data));
    const done = (error?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ back: Buffer.concat(parts), ...(error ? { error } : {}), ms: performance.now() - started });
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('end', () => done());
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

test('without faults, a megabyte goes through both ways unchanged', async () => {
  const data = randomBytes(1024 * 1024);
  const r = await roundTrip(data);
  expect(r.error).toBeUndefined();
  expect(r.back.equals(data)).toBe(true);
  expect(proxy.stats()).toMatchObject({ bytesUp: expect.any(Number), bytesDown: expect.any(Number) });
});

test('latency delays each direction, and the bytes still arrive whole and in order', async () => {
  proxy.set({ latencyMs: 150, jitterMs: 50 });
  const data = randomBytes(64 * 1024);
  const r = await roundTrip(data);
  expect(r.back.equals(data)).toBe(true);
  // At least the added latency there and back: a lower bound holds however busy the machine is.
  expect(r.ms).toBeGreaterThanOrEqual(300);
});

test('a bandwidth limit paces the bytes', async () => {
  proxy.set({ bandwidthBytesPerSecond: 100_000 });
  const data = randomBytes(40_000);
  const r = await roundTrip(data);
  expect(r.back.equals(data)).toBe(true);
  // 40 kB at 100 kB/s takes 400 ms; the echo sends back while it receives, so the two directions overlap.
  expect(r.ms).toBeGreaterThanOrEqual(350);
});

test('a reset after some bytes cuts the connection with RST', async () => {
  proxy.set({ resetAfterBytes: 10 });
  const before = proxy.stats().resets;
  const r = await roundTrip(randomBytes(1000));
  expect(r.error).toBe('ECONNRESET');
  expect(proxy.stats().resets).toBe(before + 1);
});

test('a share of connections reset at connect, drawn per connection', async () => {
  proxy.set({ resetShare: 1 });
  expect((await roundTrip(Buffer.from('x'))).error).toBe('ECONNRESET');
  proxy.set({ resetShare: 0 });
  expect((await roundTrip(Buffer.from('x'))).back.toString()).toBe('x');
});

test('a black hole takes the bytes and answers nothing', async () => {
  proxy.set({ blackhole: true });
  const r = await roundTrip(Buffer.from('hello'), 500);
  expect(r.error).toBe('timeout');
  expect(r.back.length).toBe(0);
});

test("an idle connection is closed by the provider's side after its idle time", async () => {
  proxy.set({ idleCloseMs: 100 });
  const before = proxy.stats().idleCloses;
  const result = await new Promise<{ ended: boolean; ms: number }>((resolve) => {
    const started = performance.now();
    const socket = net.connect(proxy.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('end', () => {
      socket.destroy();
      resolve({ ended: true, ms: performance.now() - started });
    });
  });
  expect(result.ended).toBe(true);
  expect(result.ms).toBeGreaterThanOrEqual(90);
  expect(proxy.stats().idleCloses).toBe(before + 1);
});
