import http, { type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionConfig } from '../../src/config/schema';

/**
 * A provider of the test's own on a loopback port, and a connection to it with the few fields
 * the HTTP transport reads (no auth; `maxSockets` sockets in its agent), for transport tests.
 */
export interface ProbeProvider {
  server: Server;
  connection(): ConnectionConfig;
  close(): Promise<void>;
}

export async function startProbeProvider(id: string, maxSockets: number, handler: RequestListener): Promise<ProbeProvider> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    connection: () =>
      ({
        id,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        auth: 'none',
        bulkhead: { maxSockets },
      }) as unknown as ConnectionConfig,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
