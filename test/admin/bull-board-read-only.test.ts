import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let cookie: string;
const SERVICE = 'csdl-gia';
const BOARD = '/admin/queues/api/queues';

beforeAll(async () => {
  stack = await startTestStack('bull-board-ro');
  cookie = `lgsp_admin=${await stack.token('van-hanh')}`;
});

afterAll(async () => {
  await stack?.close();
});

/** A request as the board's own page sends it: the operator's session cookie, same origin. */
const board = (method: 'get' | 'put' | 'post' | 'patch' | 'delete', path: string) => {
  const agent = request(stack.gateway.app);
  return agent[method](path).set('Cookie', cookie).set('X-Requested-With', 'XMLHttpRequest').set('Sec-Fetch-Site', 'same-origin');
};

test('bull-board shows the queues, read-only, and cannot change a job: retry, clean, add, promote, edit, pause, empty all answer an error', async () => {
  const example = stack.gateway.catalog.getOperation(SERVICE, 'gui-du-lieu-gia').config.example as object;
  const submitted = await request(stack.gateway.app)
    .post(`/api/v1/services/${SERVICE}/gui-du-lieu-gia`)
    .set('Authorization', `Bearer ${await stack.token('bao-cao')}`)
    .send(example);
  expect(submitted.status).toBe(202);
  const queue = stack.gateway.queues.queue(SERVICE)!;
  const jobId = String(submitted.body.jobId);
  const before = await queue.getJob(jobId);
  const [stateBefore, countsBefore] = [await before!.getState(), await queue.getJobCounts()];

  const listing = await board('get', BOARD);
  expect(listing.status).toBe(200);
  expect(listing.body.queues.length).toBeGreaterThan(0);
  expect(listing.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode === true)).toBe(true);

  const q = `${BOARD}/${encodeURIComponent(queue.name)}`;
  const attempts = [
    board('put', `${q}/retry/failed`),
    board('put', `${q}/${jobId}/retry`),
    board('put', `${q}/clean/waiting`),
    board('put', `${q}/${jobId}/clean`),
    board('post', `${q}/add`).send({ name: 'forged', data: { x: 1 } }),
    board('put', `${q}/promote`),
    board('put', `${q}/${jobId}/promote`),
    board('patch', `${q}/${jobId}/update-data`).send({ jobData: { forged: true } }),
    board('put', `${q}/pause`),
    board('put', `${q}/empty`),
    board('put', `${q}/obliterate`),
    board('delete', `${q}/${jobId}`),
  ];
  for (const res of await Promise.all(attempts)) {
    expect([res.status, res.body.type]).toEqual([403, 'Client.AccessDenied']);
  }

  const after = await queue.getJob(jobId);
  expect(await after!.getState()).toBe(stateBefore);
  expect(after!.data).toEqual(before!.data);
  expect(await queue.getJobCounts()).toEqual(countsBefore);
  expect(await queue.isPaused()).toBe(false);
});
