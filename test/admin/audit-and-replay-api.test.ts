import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let operator: string;
const SERVICE = 'csdl-gia';
const REPLAY = `/admin/api/services/${SERVICE}/dead-letters/replay`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const app = () => stack.gateway.app;
const get = (path: string, token = operator) => request(app()).get(path).set('Authorization', `Bearer ${token}`);
const replay = () => request(app()).post(REPLAY).set('Authorization', `Bearer ${operator}`);

beforeAll(async () => {
  stack = await startTestStack('audit-api', { workers: true, retry: { attempts: 2, backoffMs: 50, maxBackoffMs: 100 } });
  operator = await stack.token('van-hanh');
});

afterAll(async () => {
  await stack?.close();
});

async function deadLetter(): Promise<string> {
  const example = stack.gateway.catalog.getOperation(SERVICE, 'gui-du-lieu-gia').config.example as object;
  const res = await request(app())
    .post(`/api/v1/services/${SERVICE}/gui-du-lieu-gia`)
    .set('Authorization', `Bearer ${await stack.token('bao-cao')}`)
    .send(example);
  for (let i = 0; i < 200; i++) {
    const job = await request(app())
      .get(`/api/v1/jobs/${res.body.jobId}`)
      .set('Authorization', `Bearer ${await stack.token('bao-cao')}`);
    if (job.body.status === 'failed') return res.body.jobId as string;
    await sleep(50);
  }
  throw new Error('no dead letter');
}

const deadLetterIds = async (): Promise<string[]> =>
  (await get(`/admin/api/services/${SERVICE}/dead-letters`)).body.items.map((d: { jobId: string }) => d.jobId).sort();

describe('the audit API', () => {
  beforeAll(async () => {
    for (let i = 0; i < 23; i++)
      stack.gateway.audit.record({
        action: i % 3 === 0 ? 'logout' : 'login.success',
        actor: 'pager',
        source: '10.0.0.1',
        detail: { n: i },
      });
    stack.gateway.audit.record({ action: 'login.failure', actor: 'someone', source: '10.0.0.2' });
    await stack.gateway.audit.flush();
  });

  test('pages through the records of an actor newest first, with no gap or repeat', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await get(`/admin/api/audit?actor=pager&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { detail: { n: number } }) => i.detail.n));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(Array.from({ length: 23 }, (_v, k) => 22 - k));
    expect(pages).toBe(5);
  });

  test('filters by action, actor and time; each record says who, what, from where and when', async () => {
    const logouts = await get('/admin/api/audit?action=logout&actor=pager&limit=100');
    expect(logouts.body.items).toHaveLength(8);
    const failure = await get('/admin/api/audit?action=login.failure&actor=someone');
    expect(failure.body.items).toEqual([
      { id: expect.stringMatching(/^\d+-\d+$/), at: expect.any(String), action: 'login.failure', actor: 'someone', source: '10.0.0.2' },
    ]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await get(`/admin/api/audit?from=${encodeURIComponent(future)}`)).body).toEqual({ items: [], nextCursor: null });
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await get(`/admin/api/audit?actor=pager&to=${encodeURIComponent(past)}`)).body.items).toHaveLength(0);
  });

  test('is for operators only, and refuses a bad cursor or an unknown filter', async () => {
    expect((await get('/admin/api/audit', await stack.token('mot-cua'))).status).toBe(403);
    expect((await request(app()).get('/admin/api/audit')).status).toBe(401);
    expect((await get('/admin/api/audit?cursor=bm9wZQ')).body.type).toBe('Client.BadRequest');
    expect((await get('/admin/api/audit?who=x')).status).toBe(400);
  });
});

describe('dead-letter replay', () => {
  let ids: string[];

  beforeAll(async () => {
    await stack.fault(SERVICE, { mode: 'error', status: 422 });
    ids = [await deadLetter(), await deadLetter(), await deadLetter()].sort();
    await stack.fault(SERVICE, { mode: 'ok' });
  });

  test('a body that is not JSON, empty, or does not say which is refused, and nothing is replayed', async () => {
    const refused = [
      [await replay().set('Content-Type', 'text/plain').send('all'), 415, 'Client.UnsupportedMediaType'],
      [await replay().type('form').send('all=true'), 415, 'Client.UnsupportedMediaType'],
      [await replay(), 400, 'Client.BadRequest'],
      [await replay().set('Content-Type', 'application/json').send(''), 400, 'Client.BadRequest'],
      [await replay().set('Content-Type', 'application/json').send('{"all":'), 400, 'Client.BadRequest'],
      [await replay().send({}), 400, 'Client.BadRequest'],
      [await replay().send({ all: false }), 400, 'Client.BadRequest'],
      [await replay().send({ all: 'yes' }), 400, 'Client.BadRequest'],
      [await replay().send({ jobIds: [] }), 400, 'Client.BadRequest'],
      [await replay().send({ jobIds: [ids[0]], all: true }), 400, 'Client.BadRequest'],
      [await replay().set('Content-Type', 'application/json').send('[]'), 400, 'Client.BadRequest'],
    ] as const;
    for (const [res, status, type] of refused) expect([res.status, res.body.type]).toEqual([status, type]);
    expect(await deadLetterIds()).toEqual(ids);
  });

  test('named jobs are replayed and the replay is audited with its job ids; {"all": true} replays the rest', async () => {
    const named = await replay().send({ jobIds: [ids[0], `${SERVICE}.nope`] });
    expect(named.body).toEqual({ replayed: [ids[0]], notFound: [`${SERVICE}.nope`], replayedCount: 1, notFoundCount: 1 });
    const all = await replay().send({ all: true });
    expect([...all.body.replayed].sort()).toEqual(ids.slice(1));
    await stack.gateway.audit.flush();
    const audited = await get('/admin/api/audit?action=dead-letters.replayed');
    expect(audited.body.items).toEqual([
      expect.objectContaining({
        actor: 'van-hanh',
        target: SERVICE,
        source: expect.any(String),
        detail: {
          all: true,
          replayedCount: ids.length - 1,
          notFoundCount: 0,
          replayed: expect.arrayContaining(ids.slice(1)),
          notFound: [],
        },
      }),
      expect.objectContaining({
        actor: 'van-hanh',
        target: SERVICE,
        detail: { all: false, replayedCount: 1, notFoundCount: 1, replayed: [ids[0]], notFound: [`${SERVICE}.nope`] },
      }),
    ]);
  });
});
