import axios from 'axios';
import { Redis } from 'ioredis';
import request from 'supertest';
import { startMocks, type StartMocksOptions } from '../../mocks/main';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { connectionLogKey } from '../../src/infra/redis-keys';
import { composeGateway, type ComposeOptions, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery } from '../../src/main/start-delivery';
import { copyConfig, fastCatalog, fastGatewaySettings, removeConfigCopy, type ConfigFile, type FastSettings } from './config-copy';
import { deleteKeys, testPrefix } from './redis-prefix';

export const DEV_SECRET = (id: string): string => `${id}-dev-secret`;

export interface TestStack {
  gateway: GatewayParts;
  ngspUrl: string;
  provinceUrl: string;
  prefix: string;
  redis: Redis;
  token(consumer: string): Promise<string>;
  /** Sets a fault on whichever mock serves the service. */
  fault(serviceId: string, fault: Record<string, unknown>): Promise<void>;
  resetMocks(): Promise<void>;
  journal(serviceId: string): Promise<{ total: number; duplicates: number; items: Array<Record<string, unknown>> }>;
  /** Flushes the connection log and reads a connection's records. */
  exchanges(serviceId: string): Promise<ExchangeRecord[]>;
  close(): Promise<void>;
}

/** Real mocks on port 0, a real gateway on the real Redis under a fresh key prefix. */
export interface TestStackOptions extends FastSettings {
  workers?: boolean;
  /** More edits of the shipped config (after the FastSettings ones). */
  editConfig?: (file: ConfigFile, text: string) => string;
  /** More options for the mocks (extra services). */
  mocks?: Omit<StartMocksOptions, 'ngspPort' | 'provincePort'>;
  /** The connector list, when a test registers more than the shipped ones. */
  connectors?: ComposeOptions['connectors'];
}

export async function startTestStack(name: string, opts: TestStackOptions = {}): Promise<TestStack> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0, ...opts.mocks });
  const prefix = testPrefix(name);
  const fast = opts.timeoutMs !== undefined || opts.breaker !== undefined || opts.retry !== undefined || opts.callbacks !== undefined;
  const edit = opts.editConfig;
  const configDir =
    fast || edit
      ? copyConfig((file, text) => {
          const faster = !fast
            ? text
            : file === 'catalog.yaml'
              ? fastCatalog(text, opts)
              : file === 'gateway.yaml'
                ? fastGatewaySettings(text, opts)
                : text;
          return edit ? edit(file, faster) : faster;
        })
      : undefined;
  const env = { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix };
  const gateway = composeGateway({ env, ...(configDir ? { configDir } : {}), ...(opts.connectors ? { connectors: opts.connectors } : {}) });
  await gateway.redisReady();
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const workers = opts.workers ? await startDelivery(gateway) : undefined;
  const tokens = new Map<string, string>();
  const mockUrl = (serviceId: string): string =>
    gateway.catalog.getConnection(serviceId).direction === 'internal' ? mocks.provinceUrl : mocks.ngspUrl;

  return {
    gateway,
    ngspUrl: mocks.ngspUrl,
    provinceUrl: mocks.provinceUrl,
    prefix,
    redis,
    async token(consumer) {
      const cached = tokens.get(consumer);
      if (cached) return cached;
      const res = await request(gateway.app)
        .post('/token')
        .auth(consumer, DEV_SECRET(consumer))
        .type('form')
        .send({ grant_type: 'client_credentials' });
      if (res.status !== 200) throw new Error(`token for ${consumer}: ${res.status}`);
      tokens.set(consumer, res.body.access_token);
      return res.body.access_token as string;
    },
    async fault(serviceId, fault) {
      await axios.put(`${mockUrl(serviceId)}/__mock/faults/${serviceId}`, fault);
    },
    async resetMocks() {
      for (const url of [mocks.ngspUrl, mocks.provinceUrl]) {
        await axios.delete(`${url}/__mock/faults`);
        await axios.delete(`${url}/__mock/journal`);
      }
    },
    async journal(serviceId) {
      const res = await axios.get(`${mockUrl(serviceId)}/__mock/journal`, { params: { serviceId } });
      return res.data;
    },
    async exchanges(serviceId) {
      await gateway.connectionLog.flush();
      const entries = await redis.xrange(connectionLogKey(prefix, serviceId), '-', '+');
      return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as ExchangeRecord);
    },
    async close() {
      await workers?.close();
      await gateway.close();
      await mocks.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
      if (configDir) removeConfigCopy(configDir);
    },
  };
}

/** Who may call a service, for tests that go through every connection. */
export function consumerFor(stack: TestStack, serviceId: string): string {
  const consumer = stack.gateway.config.consumers.find((c) => c.role === 'consumer' && c.services.includes(serviceId));
  if (!consumer) throw new Error(`no consumer may call ${serviceId}`);
  return consumer.id;
}
