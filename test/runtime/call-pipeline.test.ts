import { randomUUID } from 'node:crypto';
import type { GatewayError } from '../../src/errors/gateway-error';
import type { GatewayParts } from '../../src/main/compose-gateway';
import { CallPipeline, type CallHead } from '../../src/runtime/call-pipeline';
import { QuotaLab } from '../limits/quota-support';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Issue 13, item 1: one owner of a call, without express. The pipeline checks the grant, the
 * body's format and the sync quota before any body, then validates and runs or queues; every
 * refusal is the contract's typed error. Real mocks, real Redis, the gateway's own parts.
 */
const TRA_CUU = { serviceId: 'ho-tich', operationId: 'tra-cuu' };
const TRA_CUU_INPUT = { maDonVi: 7210, maHoSo: 'H06.22-240301-0012' };
const KHAI_SINH = { serviceId: 'ho-tich', operationId: 'dang-ky-khai-sinh' };

let stack: TestStack;
let lab: QuotaLab;
let throttled: GatewayParts;

const consumer = (id: string) => ({ id, role: 'consumer' as const });
const head = (over: Partial<CallHead> = {}): CallHead => ({ ...TRA_CUU, principal: consumer('mot-cua'), requestId: randomUUID(), ...over });
const example = (op: { serviceId: string; operationId: string }) =>
  stack.gateway.catalog.getOperation(op.serviceId, op.operationId).config.example;

/** The typed error a call was refused with (fails the test when the call went through). */
async function refusal(call: Promise<unknown>): Promise<GatewayError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (err: unknown) => ({ err }),
  );
  if (!('err' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  return outcome.err as GatewayError;
}

beforeAll(async () => {
  stack = await startTestStack('call-pipeline');
  lab = await QuotaLab.start();
  throttled = await lab.gateway(lab.newPrefix('call-pipeline-quota'), { syncPerSecond: 0.001, syncBurst: 1 });
});

afterAll(async () => {
  await lab?.close();
  await stack?.close();
});

beforeEach(async () => {
  await stack.resetMocks();
});

describe('a sync call', () => {
  test('is run through the invoker and answers the mapped data with its meta', async () => {
    const requestId = randomUUID();
    const outcome = await stack.gateway.pipeline.call(head({ requestId }), TRA_CUU_INPUT);
    expect(outcome).toEqual({
      kind: 'answer',
      data: { trangThai: 4, moTa: 'Đã hoàn thành đăng ký' },
      requestId,
      serviceId: 'ho-tich',
      operationId: 'tra-cuu',
      durationMs: expect.any(Number),
    });
    expect((await stack.journal('ho-tich')).items).toEqual([expect.objectContaining({ requestId })]);
    expect((await stack.exchanges('ho-tich')).find((r) => r.requestId === requestId)).toMatchObject({
      mode: 'sync',
      consumer: 'mot-cua',
      outcome: 'success',
    });
  });

  test('with invalid input is Client.BadRequest naming the field, and nothing reaches the provider', async () => {
    const err = await refusal(stack.gateway.pipeline.call(head(), { maDonVi: 7210 }));
    expect([err.type, err.status]).toEqual(['Client.BadRequest', 400]);
    expect(err.message).toMatch(/maHoSo/);
    expect((await stack.journal('ho-tich')).total).toBe(0);
  });
});

describe('an async call', () => {
  test('is queued and answers the job, its status and the URL to read it', async () => {
    const outcome = await stack.gateway.pipeline.call(head({ ...KHAI_SINH }), example(KHAI_SINH));
    expect(outcome).toEqual({
      kind: 'accepted',
      jobId: expect.stringMatching(/^ho-tich\./),
      status: 'queued',
      statusUrl: expect.any(String),
      created: true,
    });
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    expect(outcome.statusUrl).toBe(`/api/v1/jobs/${encodeURIComponent(outcome.jobId)}`);
    expect(await stack.gateway.queues.view(outcome.jobId, 'mot-cua')).toMatchObject({
      serviceId: 'ho-tich',
      operationId: 'dang-ky-khai-sinh',
      status: 'queued',
    });
    // No worker runs here: the provider has not been called.
    expect((await stack.journal('ho-tich')).total).toBe(0);
  });

  test('of a sync operation with preferAsync is queued too', async () => {
    const outcome = await stack.gateway.pipeline.call(head({ preferAsync: true }), TRA_CUU_INPUT);
    expect(outcome).toMatchObject({ kind: 'accepted', status: 'queued', created: true });
  });

  test('repeated with the same idempotency key gives back the same job, not a new one', async () => {
    const key = `pipeline-${randomUUID()}`;
    const first = await stack.gateway.pipeline.call(head({ ...KHAI_SINH, idempotencyKey: key }), example(KHAI_SINH));
    const second = await stack.gateway.pipeline.call(head({ ...KHAI_SINH, idempotencyKey: key }), example(KHAI_SINH));
    expect(first).toMatchObject({ kind: 'accepted', created: true });
    expect(second).toMatchObject({ kind: 'accepted', created: false, jobId: (first as { jobId: string }).jobId });
  });

  test('with a malformed idempotency key is Client.BadRequest and queues nothing', async () => {
    const before = (await stack.gateway.queues.counts('ho-tich')).waiting;
    const err = await refusal(stack.gateway.pipeline.call(head({ ...KHAI_SINH, idempotencyKey: 'has space' }), example(KHAI_SINH)));
    expect([err.type, err.status]).toEqual(['Client.BadRequest', 400]);
    expect((await stack.gateway.queues.counts('ho-tich')).waiting).toBe(before);
  });

  test('without a queue is Server.Gateway.QueueUnavailable, after the input is validated', async () => {
    const { catalog, consumers, invoker } = stack.gateway;
    const noQueue = new CallPipeline({ catalog, consumers, invoker });
    expect((await refusal(noQueue.call(head({ ...KHAI_SINH }), example(KHAI_SINH)))).type).toBe('Server.Gateway.QueueUnavailable');
    expect((await refusal(noQueue.call(head({ ...KHAI_SINH }), {}))).type).toBe('Client.BadRequest');
  });
});

describe('precheck, before any body', () => {
  test('a consumer without the grant is Client.AccessDenied, and nothing reaches the provider', async () => {
    const err = await refusal(stack.gateway.pipeline.call(head({ principal: consumer('bao-cao') }), TRA_CUU_INPUT));
    expect([err.type, err.status]).toEqual(['Client.AccessDenied', 403]);
    expect((await stack.journal('ho-tich')).total).toBe(0);
  });

  test('an unknown service or operation is typed', async () => {
    expect((await refusal(stack.gateway.pipeline.precheck(head({ serviceId: 'khong-co' })))).type).toBe('Client.UnknownService');
    expect((await refusal(stack.gateway.pipeline.precheck(head({ operationId: 'khong-co' })))).type).toBe('Client.UnknownOperation');
  });

  test('a body the operation cannot take is Client.UnsupportedMediaType; JSON, or XML where the operation reads it, passes', async () => {
    for (const body of ['other', 'xml'] as const) {
      const err = await refusal(stack.gateway.pipeline.precheck(head({ body })));
      expect([err.type, err.status, err.message]).toEqual(['Client.UnsupportedMediaType', 415, 'Send application/json']);
    }
    await expect(stack.gateway.pipeline.precheck(head({ body: 'json' }))).resolves.toMatchObject({ async: false });
    const xmlOperation = stack.gateway.catalog
      .listConnections()
      .find((c) => c.operations.some((o) => stack.gateway.catalog.getOperation(c.id, o.id).definition.xmlInput));
    if (!xmlOperation) throw new Error('no operation reads XML');
    const operationId = xmlOperation.operations.find(
      (o) => stack.gateway.catalog.getOperation(xmlOperation.id, o.id).definition.xmlInput,
    )!.id;
    const reader = stack.gateway.config.consumers.find((c) => c.services.includes(xmlOperation.id))!.id;
    await expect(
      stack.gateway.pipeline.precheck(head({ serviceId: xmlOperation.id, operationId, principal: consumer(reader), body: 'xml' })),
    ).resolves.toMatchObject({ op: { config: { id: operationId } } });
  });

  test("a throttled consumer's sync call is Client.RateLimited naming sync-rate, before its input is looked at", async () => {
    const call = (input: unknown) => throttled.pipeline.call(head(), input);
    await expect(call(TRA_CUU_INPUT)).resolves.toMatchObject({ kind: 'answer' });
    // Invalid input, yet the refusal is the quota's: the input was never validated.
    const err = await refusal(call({}));
    expect([err.type, err.status, (err as GatewayError & { limit?: string }).limit]).toEqual(['Client.RateLimited', 429, 'sync-rate']);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    // Async submits are charged by the queue, not the sync quota.
    await expect(throttled.pipeline.call(head({ preferAsync: true }), TRA_CUU_INPUT)).resolves.toMatchObject({ kind: 'accepted' });
  });
});
