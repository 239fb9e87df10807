import { queueCountsCache } from '../../src/metrics/gateway-metrics';
import { startHostileGateway, type HostileGateway } from '../hostile/hostile-gateway';

const SCRAPE_TOKEN = 'scrape-token-for-tests-0123456789';
let open: HostileGateway;
let guarded: HostileGateway;

beforeAll(async () => {
  [open, guarded] = await Promise.all([
    startHostileGateway('scrape-open'),
    startHostileGateway('scrape-bearer', { LGSP_METRICS_AUTH: 'bearer', LGSP_METRICS_TOKEN: SCRAPE_TOKEN }),
  ]);
});

afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

const get = (gw: HostileGateway, path: string, bearer?: string) =>
  fetch(`${gw.url}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

describe('with server.metricsAuth: bearer', () => {
  test('/metrics and /ready refuse a scrape without a bearer with a typed 401', async () => {
    for (const path of ['/metrics', '/ready']) {
      const res = await get(guarded, path);
      expect(res.status).toBe(401);
      expect(res.headers.get('x-lgsp-error')).toBe('Client.Unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { message: string }).message).toMatch(/scrape token or an operator token/);
    }
  });

  test('they answer the static scrape token and an operator token, and refuse a consumer or a wrong token', async () => {
    expect((await get(guarded, '/metrics', SCRAPE_TOKEN)).status).toBe(200);
    expect((await get(guarded, '/ready', SCRAPE_TOKEN)).status).not.toBe(401);
    expect((await get(guarded, '/metrics', await guarded.token('van-hanh'))).status).toBe(200);
    expect((await get(guarded, '/metrics', await guarded.token('mot-cua'))).status).toBe(403);
    expect((await get(guarded, '/metrics', `${SCRAPE_TOKEN}x`)).status).toBe(401);
  });

  test('/health stays open for liveness probes', async () => {
    expect((await get(guarded, '/health')).status).toBe(200);
  });
});

test('with the shipped default (none) /metrics and /ready stay open', async () => {
  expect((await get(open, '/metrics')).status).toBe(200);
  expect((await get(open, '/ready')).status).not.toBe(401);
});

describe('queue counts in /metrics', () => {
  test('many scrapes within the refresh period cost one count per connection', async () => {
    const calls: string[] = [];
    const counts = async (id: string) => {
      calls.push(id);
      return { waiting: calls.length, active: 0, delayed: 0, failed: 0, deadLetters: 0 };
    };
    const snapshot = queueCountsCache(['a', 'b'], { counts }, 60_000);
    for (let i = 0; i < 20; i++) await snapshot();
    expect(calls).toEqual(['a', 'b']);
  });

  test('a snapshot older than the period is refreshed in the background and the stale one served meanwhile', async () => {
    let n = 0;
    const snapshot = queueCountsCache(
      ['a'],
      { counts: async () => ({ waiting: ++n, active: 0, delayed: 0, failed: 0, deadLetters: 0 }) },
      20,
    );
    expect((await snapshot()).get('a')?.waiting).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect((await snapshot()).get('a')?.waiting).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    expect((await snapshot()).get('a')?.waiting).toBe(2);
  });

  test('a connection whose count fails is left out instead of failing the scrape', async () => {
    const snapshot = queueCountsCache(
      ['up', 'down'],
      {
        counts: async (id) =>
          id === 'down' ? Promise.reject(new Error('redis away')) : { waiting: 1, active: 0, delayed: 0, failed: 0, deadLetters: 0 },
      },
      1000,
    );
    expect([...(await snapshot()).keys()]).toEqual(['up']);
  });
});

describe('server errors after listen', () => {
  test.each([
    ['EMFILE', 'accept'],
    ['ENFILE', 'accept'],
    ['ECONNABORTED', 'accept'],
  ])('a %s on %s is logged and the process keeps serving /health', async (code, syscall) => {
    const err = Object.assign(new Error(`${syscall} ${code}`), { code, syscall, errno: -24 });
    expect(() => open.gw.server.emit('error', err)).not.toThrow();
    const health = await get(open, '/health');
    expect(health.status).toBe(200);
    expect(open.logs()).toContain(`"code":"${code}"`);
    expect(open.logs()).toContain('still listening');
  });
});
