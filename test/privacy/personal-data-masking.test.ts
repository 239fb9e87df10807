import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { Redis } from 'ioredis';
import request from 'supertest';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { connectionLogKey } from '../../src/infra/redis-keys';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery, type DeliveryHandle } from '../../src/main/start-delivery';
import { createLogger } from '../../src/util/logger';
import { copyConfig, fastCatalog, removeConfigCopy } from '../support/config-copy';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

// A citizen of the shipped example, and how the gateway may show them once masked.
const CITIZEN_ID = '024090001234';
const MASKED_ID = '*********234';
const NAME = 'Nguyễn Văn An';
const SERVICE = 'csdl-dan-cu';
const CALL = `/api/v1/services/${SERVICE}/tra-cuu-nhan-than`;
const BODY = { soDinhDanh: CITIZEN_ID, hoVaTen: NAME, ngaySinh: '1990-05-12', maCanBo: 'cb-motcua-01' };

/** C06's SOAP fault, quoting the citizen it could not serve (upper-cased, as some providers do). */
const FAULT = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Khong tra cuu duoc cong dan ${CITIZEN_ID} (${NAME.toUpperCase()}): he thong ban</faultstring></soap:Fault></soap:Body></soap:Envelope>`;

let mocks: RunningMocks;
let provider: Server;
let gateway: GatewayParts;
let delivery: DeliveryHandle;
let redis: Redis;
let configDir: string;
let failing = true;
const prefix = testPrefix('personal-data');
const logLines: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** C06 in front of the mock: fails quoting its input while `failing`, else passes the call to the mock. */
function startProvider(mockUrl: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(FAULT);
        return;
      }
      // A fresh connection per call (no agent): nothing stays open once the test ends.
      const forward = httpRequest(
        `${mockUrl}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(mockUrl).host }, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  provider = await startProvider(mocks.ngspUrl);
  const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  configDir = copyConfig((file, text) =>
    file === 'catalog.yaml'
      ? fastCatalog(text, { retry: { attempts: 2, backoffMs: 50, maxBackoffMs: 100 } }).replace(
          '${NGSP_URL:-http://127.0.0.1:8081}/dancuquocgia/',
          `${providerUrl}/dancuquocgia/`,
        )
      : text,
  );
  const env = { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix };
  // The gateway's own logger, at its most talkative, writing into the test.
  const logger = createLogger({ LOG_LEVEL: 'debug' }, 'lgsp-gateway', { write: (line: string) => void logLines.push(line) });
  gateway = composeGateway({ env, configDir, logger });
  await gateway.redisReady();
  delivery = await startDelivery(gateway);
  redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  await delivery?.close();
  await gateway?.close();
  await mocks?.close();
  provider?.closeAllConnections();
  await new Promise((r) => provider?.close(r));
  if (redis) {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
  if (configDir) removeConfigCopy(configDir);
});

async function bearer(consumer: string): Promise<string> {
  const res = await request(gateway.app)
    .post('/token')
    .auth(consumer, `${consumer}-dev-secret`)
    .type('form')
    .send({ grant_type: 'client_credentials' });
  expect(res.status).toBe(200);
  return `Bearer ${res.body.access_token}`;
}

async function settled(jobId: string, auth: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i++) {
    const res = await request(gateway.app).get(`/api/v1/jobs/${jobId}`).set('Authorization', auth);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await sleep(50);
  }
  throw new Error(`job ${jobId} did not settle`);
}

async function callbackFor(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const { data } = await axios.get(`${mocks.provinceUrl}/__mock/callbacks`);
    const found = data.items.find((c: { body: { jobId?: string } }) => c.body.jobId === jobId);
    if (found) return found.body;
    await sleep(50);
  }
  throw new Error(`no callback for ${jobId}`);
}

/** Neither the citizen's id nor their name, in any case. */
function expectNoPersonalData(text: string): void {
  expect(text).not.toContain(CITIZEN_ID);
  expect(text.toLowerCase()).not.toContain(NAME.toLowerCase());
}

test('when the provider fails quoting a citizen, the id and name are masked in every answer, view, callback, log line and record', async () => {
  failing = true;
  const owner = await bearer('mot-cua');

  const sync = await request(gateway.app).post(CALL).set('Authorization', owner).send(BODY);
  expect(sync.status).toBe(502);
  expect(sync.body).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'soap:Server' });
  expect(sync.body.message).toContain(MASKED_ID);
  expect(sync.body.message).toContain('[personal]');
  expectNoPersonalData(JSON.stringify(sync.body));

  const submitted = await request(gateway.app).post(CALL).set('Authorization', owner).set('Prefer', 'respond-async').send(BODY);
  expect(submitted.status).toBe(202);
  const jobId = submitted.body.jobId as string;

  const view = await settled(jobId, owner);
  expect(view).toMatchObject({ status: 'failed', attempts: 2, error: { type: 'Server.Provider.Error' } });
  expect((view['error'] as { message: string }).message).toContain(MASKED_ID);
  expectNoPersonalData(JSON.stringify(view));

  const callback = await callbackFor(jobId);
  expect(callback).toMatchObject({ outcome: 'failed', error: { type: 'Server.Provider.Error' } });
  expect((callback['error'] as { message: string }).message).toContain(MASKED_ID);
  expectNoPersonalData(JSON.stringify(callback));

  const deadLetters = await request(gateway.app)
    .get(`/admin/api/services/${SERVICE}/dead-letters`)
    .set('Authorization', await bearer('van-hanh'));
  expect(deadLetters.status).toBe(200);
  expect(deadLetters.body.items).toEqual([
    expect.objectContaining({ jobId, error: expect.objectContaining({ message: expect.stringContaining(MASKED_ID) }) }),
  ]);
  expectNoPersonalData(JSON.stringify(deadLetters.body));

  // What BullMQ keeps of the failure (bull-board shows it): the reason and each attempt's stack.
  const job = await gateway.queues.queue(SERVICE)!.getJob(jobId);
  expect(job?.failedReason).toContain(MASKED_ID);
  expect(job?.stacktrace?.length).toBeGreaterThan(0);
  expectNoPersonalData(JSON.stringify({ reason: job?.failedReason, stacks: job?.stacktrace, lastError: job?.data.lastError }));

  await gateway.connectionLog.flush();
  const records = await redis.xrange(connectionLogKey(prefix, SERVICE), '-', '+');
  expect(records.length).toBe(3);
  expectNoPersonalData(JSON.stringify(records));

  const failures = logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'provider exchange failed');
  expect(failures).toHaveLength(3);
  // pino's err serializer: the message and the stack are logged, both masked.
  expect(failures[0].err).toMatchObject({
    errorType: 'Server.Provider.Error',
    message: expect.stringContaining(MASKED_ID),
    stack: expect.stringContaining('GatewayError'),
  });
  expect(failures[0].err.stack).toContain(MASKED_ID);
  expectNoPersonalData(logLines.join('\n'));
});

test('the owner still gets its own citizen back in a successful result, sync and async', async () => {
  failing = false;
  const owner = await bearer('mot-cua');

  const sync = await request(gateway.app).post(CALL).set('Authorization', owner).send(BODY);
  expect(sync.status).toBe(200);
  expect(JSON.stringify(sync.body.data)).toContain(CITIZEN_ID);

  const submitted = await request(gateway.app).post(CALL).set('Authorization', owner).set('Prefer', 'respond-async').send(BODY);
  expect(submitted.status).toBe(202);
  const view = await settled(submitted.body.jobId, owner);
  expect(view['status']).toBe('completed');
  expect(JSON.stringify(view['result'])).toContain(CITIZEN_ID);
  // The result is for its owner: no log line repeats it.
  expectNoPersonalData(logLines.join('\n'));
});
