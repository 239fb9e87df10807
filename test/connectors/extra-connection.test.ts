import axios from 'axios';
import request from 'supertest';
import { CONNECTORS } from '../../connectors';
import type { GatewayParts } from '../../src/main/compose-gateway';
import { GRANT, CONNECTORS_WITH_EXTRA, ngspServicesWithExtra, withExtraConnection } from '../fixtures/extra-connection';
import { DANG_KIEM_PATH, KNOWN_PLATE } from '../fixtures/extra-connection/mock-service';
import { DEV_SECRET, startTestStack, type TestStack } from '../support/test-stack';

/**
 * Adding a connection is a connector, a mock, a catalog entry and a grant: the fixture in
 * test/fixtures/extra-connection registers one through the same lists and files a contributor
 * edits, and everything that enumerates connections picks it up.
 */
const ID = GRANT.service;
const SHIPPED = CONNECTORS.length;
let stack: TestStack;
let gateway: GatewayParts;
let ngspUrl: string;

beforeAll(async () => {
  stack = await startTestStack('extra-connection', {
    workers: true,
    mocks: { ngspServices: ngspServicesWithExtra },
    editConfig: withExtraConnection,
    connectors: CONNECTORS_WITH_EXTRA,
  });
  ({ gateway, ngspUrl } = stack);
});

afterAll(async () => {
  await stack?.close();
});

const tokens = new Map<string, string>();
async function bearer(who: string): Promise<string> {
  if (!tokens.has(who)) {
    const res = await request(gateway.app)
      .post('/token')
      .auth(who, DEV_SECRET(who))
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    tokens.set(who, res.body.access_token as string);
  }
  return `Bearer ${tokens.get(who)}`;
}

const call = async (operation: string, body: object, who = GRANT.consumer) =>
  request(gateway.app)
    .post(`/api/v1/services/${ID}/${operation}`)
    .set('Authorization', await bearer(who))
    .send(body);

async function journal(): Promise<Array<{ operationId: string; requestId?: string; idempotencyKey?: string }>> {
  const res = await axios.get(`${ngspUrl}/__mock/journal`, { params: { serviceId: ID } });
  return res.data.items;
}

/** Polls the job until it settles (bounded: 100 × 100 ms). */
async function settled(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const res = await request(gateway.app)
      .get(`/api/v1/jobs/${jobId}`)
      .set('Authorization', await bearer(GRANT.consumer));
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not settle`);
}

test('the directory lists the new connection with its operations, to the operator and to the granted consumer', async () => {
  const all = await request(gateway.app)
    .get('/api/v1/services')
    .set('Authorization', await bearer('van-hanh'));
  expect(all.status).toBe(200);
  expect(all.body.services).toHaveLength(SHIPPED + 1);
  const entry = all.body.services.find((s: { id: string }) => s.id === ID);
  expect(entry).toMatchObject({ direction: 'ngsp', protocol: 'rest', auth: 'ngsp-wso2', fidelity: 'modelled' });
  expect(entry.operations.map((o: { id: string; mode: string }) => [o.id, o.mode])).toEqual([
    ['tra-cuu-dang-kiem', 'sync'],
    ['dat-lich-kiem-dinh', 'async'],
  ]);
  const mine = await request(gateway.app)
    .get('/api/v1/services')
    .set('Authorization', await bearer(GRANT.consumer));
  expect(mine.body.services.map((s: { id: string }) => s.id)).toContain(ID);
  const other = await request(gateway.app)
    .get('/api/v1/services')
    .set('Authorization', await bearer('qlvb'));
  expect(other.body.services.map((s: { id: string }) => s.id)).not.toContain(ID);
});

test('a sync call reaches the fixture provider over HTTP with an NGSP token and answers the mapped result', async () => {
  const res = await call('tra-cuu-dang-kiem', { bienSo: KNOWN_PLATE });
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ bienSo: KNOWN_PLATE, trangThai: 'CON_HIEU_LUC', hanDangKiem: '2026-12-31T00:00:00+07:00' });
  expect((await journal()).at(-1)).toMatchObject({ operationId: 'tra-cuu-dang-kiem', requestId: res.headers['x-request-id'] });
});

test("bad input and the provider's own refusal come back as the contract's typed errors", async () => {
  const bad = await call('tra-cuu-dang-kiem', { bienSo: 'not a plate' });
  expect([bad.status, bad.body.type]).toEqual([400, 'Client.BadRequest']);
  const unknown = await call('tra-cuu-dang-kiem', { bienSo: '30K-999.99' });
  expect([unknown.status, unknown.body.type, unknown.body.providerCode]).toEqual([502, 'Server.Provider.Error', 'DK-404']);
  const denied = await request(gateway.app)
    .post(`/api/v1/services/${ID}/tra-cuu-dang-kiem`)
    .set('Authorization', await bearer('qlvb'))
    .send({ bienSo: KNOWN_PLATE });
  expect([denied.status, denied.body.type]).toEqual([403, 'Client.AccessDenied']);
  const noOp = await call('xoa-dang-kiem', { bienSo: KNOWN_PLATE });
  expect([noOp.status, noOp.body.type]).toEqual([404, 'Client.UnknownOperation']);
});

test("an async call is queued on the new connection's own queue and delivered by a worker", async () => {
  const res = await call('dat-lich-kiem-dinh', { maHoSo: 'H06.22-240315-0001', bienSo: KNOWN_PLATE, ngayHen: '2024-03-20T08:00:00+07:00' });
  expect(res.status).toBe(202);
  expect(res.body.jobId).toMatch(new RegExp(`^${ID}\\.`));
  const job = await settled(res.body.jobId);
  expect(job).toMatchObject({
    serviceId: ID,
    operationId: 'dat-lich-kiem-dinh',
    status: 'completed',
    attempts: 1,
    result: { maLichHen: expect.stringMatching(/^LH\d{12}$/), trangThai: 'DA_DAT_LICH' },
  });
  expect((await journal()).at(-1)).toMatchObject({ operationId: 'dat-lich-kiem-dinh', idempotencyKey: res.body.jobId });
  expect(await gateway.queues.queue(ID)?.getWorkers()).toHaveLength(1);
});

test("/metrics carries the new connection's series, one more breaker and queue than the shipped catalog", async () => {
  const res = await request(gateway.app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.text).toMatch(
    new RegExp(`lgsp_upstream_duration_seconds_count\\{service="${ID}",operation="tra-cuu-dang-kiem",outcome="success"\\} 1`),
  );
  expect(res.text).toMatch(new RegExp(`lgsp_breaker_state\\{service="${ID}"\\} 0`));
  expect(res.text.match(/^lgsp_breaker_state\{/gm)).toHaveLength(SHIPPED + 1);
  expect(res.text.match(/^lgsp_dead_letters\{/gm)).toHaveLength(SHIPPED + 1);
});

test("the operator's OpenAPI document and the health view include it", async () => {
  const doc = await request(gateway.app)
    .get('/api/v1/openapi.json')
    .set('Authorization', await bearer('van-hanh'));
  expect(doc.status).toBe(200);
  expect(Object.keys(doc.body.paths)).toEqual(
    expect.arrayContaining([`/api/v1/services/${ID}/tra-cuu-dang-kiem`, `/api/v1/services/${ID}/dat-lich-kiem-dinh`]),
  );
  const sync = doc.body.paths[`/api/v1/services/${ID}/tra-cuu-dang-kiem`].post;
  expect(JSON.stringify(sync)).toContain(KNOWN_PLATE);
  const health = await request(gateway.app)
    .get('/admin/api/services')
    .set('Authorization', await bearer('van-hanh'));
  expect(health.status).toBe(200);
  expect(health.body.services).toHaveLength(SHIPPED + 1);
  expect(health.body.services.find((s: { id: string }) => s.id === ID)).toMatchObject({
    breaker: { state: 'closed' },
    queue: { failed: 0, deadLetters: 0 },
  });
});

test('the mock serves the fixture provider at the path its catalog entry names', async () => {
  const services = await axios.get(`${ngspUrl}/__mock/services`);
  const mock = services.data.services.find((s: { id: string }) => s.id === ID);
  expect(mock.paths).toEqual(expect.arrayContaining([`${DANG_KIEM_PATH}/traCuuDangKiem`, `${DANG_KIEM_PATH}/datLichKiemDinh`]));
  expect(gateway.catalog.getConnection(ID).url).toBe(`${ngspUrl}${DANG_KIEM_PATH}`);
});
