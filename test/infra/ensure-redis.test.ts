import { createConnection, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { checkRedisPolicy, ensureRedis, findRedisServer, type RedisHandle } from '../../src/infra/ensure-redis';

/** A loopback port with nothing listening on it (bound once, then released). */
function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const hasRedisServer = findRedisServer() !== undefined;

describe('ensureRedis', () => {
  const handles: RedisHandle[] = [];
  const clients: Redis[] = [];
  const logs: string[] = [];
  const log = (msg: string) => logs.push(msg);

  afterAll(async () => {
    for (const client of clients) if (client.status !== 'end') client.disconnect();
    await Promise.all(handles.map((handle) => handle.stop()));
  });

  (hasRedisServer ? it : it.skip)(
    'when REDIS_URL is unset and nothing answers, then it starts a private noeviction redis-server and stops it',
    async () => {
      const probeUrl = `redis://127.0.0.1:${await deadPort()}`;
      const env = { PATH: process.env.PATH, LGSP_REDIS_PROBE_URL: probeUrl };

      const redis = await ensureRedis({ env, log });
      handles.push(redis);

      expect(redis.private).toBe(true);
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
      clients.push(client);
      await expect(client.ping()).resolves.toBe('PONG');
      await expect(checkRedisPolicy(client)).resolves.toEqual({ ok: true, policy: 'noeviction' });
      await client.quit();

      await redis.stop();
      await expect(portAnswers(Number(new URL(redis.url).port))).resolves.toBe(false);
      expect(logs.join('\n')).toContain('private redis-server');
    },
  );

  it('when REDIS_URL points at a dead port, then it fails with a clear error and starts nothing', async () => {
    const url = `redis://127.0.0.1:${await deadPort()}`;

    await expect(ensureRedis({ env: { PATH: process.env.PATH, REDIS_URL: url }, log })).rejects.toThrow(
      new RegExp(`REDIS_URL=${url} does not answer PING: .*ECONNREFUSED`),
    );
  });

  it('when REDIS_URL answers, then it is used as is and stop() leaves it running', async () => {
    const url = process.env.REDIS_URL as string; // set by global-setup

    const redis = await ensureRedis({ env: { REDIS_URL: url }, log });
    await redis.stop();

    expect(redis).toMatchObject({ url, private: false });
    await expect(portAnswers(Number(new URL(url).port))).resolves.toBe(true);
  });

  it('when nothing answers and no redis-server is on the PATH, then the error says how to get one', async () => {
    const env = { PATH: '/nonexistent', LGSP_REDIS_PROBE_URL: `redis://127.0.0.1:${await deadPort()}` };

    await expect(ensureRedis({ env, log })).rejects.toThrow(/apt-get install redis-server.*REDIS_URL.*docker compose up redis/);
  });
});
