import http from 'node:http';
import axios, { type AxiosInstance } from 'axios';
import { Redis } from 'ioredis';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { ALL_ROLES, startRoles, type RoleName, type RolesHandle } from '../../src/main/start-roles';
import { copyConfig, fastCatalog, removeConfigCopy, type FastSettings } from '../../test/support/config-copy';
import { deleteKeys, testPrefix } from '../../test/support/redis-prefix';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import type { PrivateRedis } from './private-redis';

/**
 * What a drill stands on: the mocks, optionally a fault proxy in front of the NGSP mock, one
 * process with every gateway role on a fresh key prefix, and an HTTP client of the gateway's
 * public API. `close` removes everything it made, keys included.
 */
export interface DrillStack {
  mocks: RunningMocks;
  proxy?: FaultProxy;
  roles: RolesHandle;
  /** The gateway's public API, answering whatever the status. */
  api: AxiosInstance;
  redis: Redis;
  prefix: string;
  /** A consumer's bearer headers (dev secret), JSON body. */
  headersFor(consumer: string): Promise<Record<string, string>>;
  /** The directory example of an operation, as a provincial system finds it. */
  example(consumer: string, serviceId: string, operationId: string): Promise<unknown>;
  journal(serviceId: string): Promise<{ total: number; duplicates: number; items: Array<{ idempotencyKey: string | null }> }>;
  close(): Promise<void>;
}

export async function startDrillStack(
  name: string,
  opts: {
    proxy?: boolean;
    fast?: FastSettings;
    /** A Redis of the drill's own (REDIS_URL points at it); the drill stops it. */
    redis?: PrivateRedis;
    /** Extra environment of the gateway process (quotas, for instance). */
    env?: Record<string, string>;
    /** An edit of gateway.yaml's text (how long finished jobs are kept, for instance). */
    gateway?: (text: string) => string;
    /** The roles of the drill's own process: every role unless the drill runs workers elsewhere. */
    roles?: readonly RoleName[];
  } = {},
): Promise<DrillStack> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
  const proxy = opts.proxy ? await startFaultProxy(mocks.ngspUrl) : undefined;
  const configDir = copyConfig((file, text) => {
    if (file === 'catalog.yaml' && opts.fast) return fastCatalog(text, opts.fast);
    return file === 'gateway.yaml' && opts.gateway ? opts.gateway(text) : text;
  });
  const prefix = testPrefix(`drill-${name}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NGSP_URL: proxy?.url ?? mocks.ngspUrl,
    PROVINCE_URL: mocks.provinceUrl,
    LGSP_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...(opts.redis ? { REDIS_URL: opts.redis.url } : {}),
    ...opts.env,
  };
  const redis = new Redis(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  // A drill's own Redis is killed and stopped on purpose: its errors are the drill, not noise.
  if (opts.redis) redis.on('error', () => undefined);
  let roles: RolesHandle;
  try {
    roles = await startRoles({ roles: opts.roles ?? ALL_ROLES, env, configDir, port: 0, host: '127.0.0.1' });
  } catch (err) {
    await proxy?.close();
    await mocks.close();
    redis.disconnect();
    removeConfigCopy(configDir);
    throw err;
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const api = axios.create({ baseURL: roles.http!.url, httpAgent: agent, validateStatus: () => true, timeout: 15_000 });
  const tokens = new Map<string, string>();
  const headersFor = async (consumer: string): Promise<Record<string, string>> => {
    let token = tokens.get(consumer);
    if (!token) {
      const res = await api.post('/token', 'grant_type=client_credentials', {
        auth: { username: consumer, password: `${consumer}-dev-secret` },
      });
      if (res.status !== 200) throw new Error(`token for ${consumer}: HTTP ${res.status}`);
      token = String(res.data.access_token);
      tokens.set(consumer, token);
    }
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  };
  return {
    mocks,
    ...(proxy ? { proxy } : {}),
    roles,
    api,
    redis,
    prefix,
    headersFor,
    async example(consumer, serviceId, operationId) {
      const res = await api.get('/api/v1/services', { headers: await headersFor(consumer) });
      const services =
        (res.data as { services?: Array<{ id: string; operations: Array<{ id: string; example?: unknown }> }> }).services ?? [];
      const example = services.find((s) => s.id === serviceId)?.operations.find((o) => o.id === operationId)?.example;
      if (example === undefined) throw new Error(`no directory example for ${serviceId}/${operationId} visible to ${consumer}`);
      return example;
    },
    async journal(serviceId) {
      const url = roles.core.catalog.getConnection(serviceId).direction === 'internal' ? mocks.provinceUrl : mocks.ngspUrl;
      return (await axios.get(`${url}/__mock/journal`, { params: { serviceId } })).data;
    },
    async close() {
      agent.destroy();
      await roles.close();
      await proxy?.close();
      await mocks.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
      removeConfigCopy(configDir);
    },
  };
}

/** Polls job views as their owner does until every job has ended or the time is up. */
export async function waitForJobs(
  stack: DrillStack,
  consumer: string,
  jobIds: readonly string[],
  timeoutMs: number,
): Promise<Map<string, { status: string; attempts: number }>> {
  const headers = await stack.headersFor(consumer);
  const ended = new Map<string, { status: string; attempts: number }>();
  const started = performance.now();
  while (ended.size < new Set(jobIds).size && performance.now() - started < timeoutMs) {
    for (const jobId of jobIds) {
      if (ended.has(jobId)) continue;
      const view = (await stack.api.get(`/api/v1/jobs/${encodeURIComponent(jobId)}`, { headers })).data as {
        status?: string;
        attempts?: number;
      };
      if (view.status === 'completed' || view.status === 'failed') ended.set(jobId, { status: view.status, attempts: view.attempts ?? 0 });
    }
    if (ended.size < new Set(jobIds).size) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return ended;
}
