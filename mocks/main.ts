import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { TimerRegistry } from './control/timer-registry';
import { generateMockData } from './data/mock-data';
import { createMockLogger } from './mock-logger';
import { buildNgspMock } from './ngsp-mock';
import type { MockServerOptions } from './mock-options';
import { buildProvinceMock } from './province-mock';

export { buildNgspMock } from './ngsp-mock';
export { buildProvinceMock } from './province-mock';

export interface StartMocksOptions {
  readonly ngspPort?: number;
  readonly provincePort?: number;
  readonly host?: string;
  readonly seed?: number;
  readonly logLevel?: string;
  /** The national platform's services, `ngspServices` by default (a test adds a fixture provider). */
  readonly ngspServices?: MockServerOptions['services'];
  /** The province's services, `provinceServices` by default. */
  readonly provinceServices?: MockServerOptions['services'];
}

export interface RunningMocks {
  readonly ngspUrl: string;
  readonly provinceUrl: string;
  close(): Promise<void>;
}

function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts both mock servers (ports 0 allowed: the URLs carry the real ports). */
export async function startMocks(opts: StartMocksOptions = {}): Promise<RunningMocks> {
  const host = opts.host ?? '127.0.0.1';
  const timers = new TimerRegistry();
  const data = generateMockData(opts.seed);
  const common = { timers, logLevel: opts.logLevel };
  const ngsp = await listen(
    buildNgspMock({ ...common, data, ...(opts.ngspServices ? { services: opts.ngspServices } : {}) }),
    opts.ngspPort ?? portFromEnv('MOCK_NGSP_PORT', 8081),
    host,
  );
  let province: Server;
  try {
    province = await listen(
      buildProvinceMock({ ...common, data, ...(opts.provinceServices ? { services: opts.provinceServices } : {}) }),
      opts.provincePort ?? portFromEnv('MOCK_PROVINCE_PORT', 8082),
      host,
    );
  } catch (err) {
    await closeServer(ngsp);
    throw err;
  }
  return {
    ngspUrl: urlOf(ngsp, host),
    provinceUrl: urlOf(province, host),
    async close() {
      timers.clearAll();
      await Promise.all([closeServer(ngsp), closeServer(province)]);
    },
  };
}

if (require.main === module) {
  const logger = createMockLogger('mocks', 'info');
  // MOCK_HOST=0.0.0.0 in a container, so the gateway's container can reach them.
  startMocks({ host: process.env.MOCK_HOST, logLevel: process.env.LOG_LEVEL })
    .then((mocks) => {
      console.log(`Mock national platform (NGSP): ${mocks.ngspUrl}`);
      console.log(`Mock provincial systems:       ${mocks.provinceUrl}`);
      const stop = (signal: string): void => {
        logger.info({ signal }, 'stopping mocks');
        void mocks.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    })
    .catch((err: unknown) => {
      console.error(`Mocks failed to start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
