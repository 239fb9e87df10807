import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { startMocks } from '../../mocks/main';
import { startGateway, type GatewayHandle } from '../../src/main/gateway';
import { createLogger } from '../../src/util/logger';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

/** A real gateway listening on port 0, with mocks, a fresh Redis prefix and every log line captured. */
export interface HostileGateway {
  gw: GatewayHandle;
  url: string;
  host: string;
  port: number;
  /** Every line the gateway logged so far (JSON text). */
  logs(): string;
  token(consumer: string, secret?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHostileGateway(name: string, env: Record<string, string> = {}): Promise<HostileGateway> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  const prefix = testPrefix(name);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  // The gateway's own logger (redaction, err serializer), at debug, so nothing it might log escapes the check.
  const logger = createLogger({ LOG_LEVEL: 'debug' }, 'lgsp-gateway', sink);
  const gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    logger,
    env: { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix, ...env },
  });
  await gw.parts.redisReady();
  const port = Number(new URL(gw.url).port);
  return {
    gw,
    url: gw.url,
    host: '127.0.0.1',
    port,
    logs: () => lines.join(''),
    async token(consumer, secret = `${consumer}-dev-secret`) {
      const res = await fetch(`${gw.url}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${consumer}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      if (res.status !== 200) throw new Error(`token for ${consumer}: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async close() {
      await gw.close();
      await mocks.close();
      const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
      await deleteKeys(redis, prefix);
      redis.disconnect();
    },
  };
}
