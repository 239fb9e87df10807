import { Redis } from 'ioredis';
import request from 'supertest';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { composeGateway, type ComposeOptions, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery } from '../../src/main/start-delivery';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

/** Quotas as the LGSP_QUOTA_* variables of config/consumers.yaml set them. */
export interface QuotaEnv {
  syncPerSecond?: number;
  syncBurst?: number;
  asyncPerSecond?: number;
  asyncBurst?: number;
  waitingJobs?: number;
  bytesQueued?: number;
}

const VARIABLES: Record<keyof QuotaEnv, string> = {
  syncPerSecond: 'LGSP_QUOTA_SYNC_PER_SECOND',
  syncBurst: 'LGSP_QUOTA_SYNC_BURST',
  asyncPerSecond: 'LGSP_QUOTA_ASYNC_PER_SECOND',
  asyncBurst: 'LGSP_QUOTA_ASYNC_BURST',
  waitingJobs: 'LGSP_QUOTA_WAITING_JOBS',
  bytesQueued: 'LGSP_QUOTA_BYTES_QUEUED',
};

/** Mocks on port 0 and any number of gateways on the real Redis, each under a prefix of its test (or a shared one). */
export class QuotaLab {
  private readonly gateways: GatewayParts[] = [];
  private readonly prefixes = new Set<string>();
  private readonly closers: Array<() => Promise<void>> = [];
  readonly redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');

  private constructor(private readonly mocks: RunningMocks) {}

  static async start(): Promise<QuotaLab> {
    return new QuotaLab(await startMocks({ ngspPort: 0, provincePort: 0 }));
  }

  newPrefix(name: string): string {
    const prefix = testPrefix(name);
    this.prefixes.add(prefix);
    return prefix;
  }

  /** A gateway whose consumers all have these quotas (unset ones keep the shipped defaults). */
  async gateway(prefix: string, quotas: QuotaEnv, options: Pick<ComposeOptions, 'redisMemory'> = {}): Promise<GatewayParts> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NGSP_URL: this.mocks.ngspUrl,
      PROVINCE_URL: this.mocks.provinceUrl,
      LGSP_KEY_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    };
    for (const [name, value] of Object.entries(quotas)) env[VARIABLES[name as keyof QuotaEnv]] = String(value);
    const parts = composeGateway({ env, ...options });
    this.gateways.push(parts);
    if (!(await parts.redisReady())) throw new Error('Redis did not answer');
    return parts;
  }

  async startWorkers(parts: GatewayParts): Promise<void> {
    const workers = await startDelivery(parts);
    this.closers.push(() => workers.close());
  }

  async close(): Promise<void> {
    for (const close of this.closers) await close();
    for (const parts of this.gateways) await parts.close();
    await this.mocks.close();
    for (const prefix of this.prefixes) await deleteKeys(this.redis, prefix);
    this.redis.disconnect();
  }
}

export async function bearer(parts: GatewayParts, consumer = 'mot-cua'): Promise<string> {
  const res = await request(parts.app)
    .post('/token')
    .auth(consumer, `${consumer}-dev-secret`)
    .type('form')
    .send({ grant_type: 'client_credentials' });
  if (res.status !== 200) throw new Error(`token for ${consumer}: ${res.status}`);
  return `Bearer ${res.body.access_token as string}`;
}

export const example = (parts: GatewayParts, serviceId: string, operationId: string): Record<string, unknown> =>
  parts.catalog.getOperation(serviceId, operationId).config.example;
