import type { ConnectionConfig } from '../../src/config/schema';
import { isGatewayError } from '../../src/errors/gateway-error';
import { createHttpClient, HttpTransport } from '../../src/protocols/http-transport';
import { startProbeProvider, type ProbeProvider } from '../support/probe-provider';

/**
 * A provider that closes a kept-alive socket just as the gateway sends on it: the first request
 * on each connection is answered, the second is cut without an answer (as when the provider's
 * idle timeout fires while the request is on its way).
 */
let provider: ProbeProvider;
let seen = 0;
let answered = 0;
let cutFirst = false;

beforeAll(async () => {
  provider = await startProbeProvider('stale-probe', 1, (req, res) => {
    seen += 1;
    const socket = req.socket as typeof req.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    if (socket.served > 1 || cutFirst) return void socket.destroy();
    answered += 1;
    res.end('ok');
  });
});

afterAll(() => provider.close());

const connection = (): ConnectionConfig => provider.connection();

const ctx = () => ({ requestId: 'r', signal: AbortSignal.timeout(5000) });

test('a request that meets a kept-alive socket the provider has closed is sent once more, on a new socket', async () => {
  const transport = new HttpTransport(createHttpClient(), new Map());
  const conn = connection();
  try {
    expect((await transport.send(conn, { method: 'GET', path: '/a', headers: {} }, ctx())).status).toBe(200);
    // Same agent, one socket: the second request goes out on the kept-alive socket, which is cut.
    expect((await transport.send(conn, { method: 'GET', path: '/b', headers: {} }, ctx())).status).toBe(200);
    expect(transport.staleSocketRetries).toBe(1);
    expect([seen, answered]).toEqual([3, 2]);
  } finally {
    transport.destroy();
  }
});

test("a request cut on a fresh socket is the provider's failure, typed, and not sent again", async () => {
  const transport = new HttpTransport(createHttpClient(), new Map());
  cutFirst = true;
  const before = seen;
  try {
    const err = await transport.send(connection(), { method: 'GET', path: '/c', headers: {} }, ctx()).catch((e: unknown) => e);
    expect(isGatewayError(err) && err.type).toBe('Server.Provider.Unreachable');
    expect(transport.staleSocketRetries).toBe(0);
    expect(seen - before).toBe(1);
  } finally {
    cutFirst = false;
    transport.destroy();
  }
});
