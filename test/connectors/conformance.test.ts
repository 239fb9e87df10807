import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CatalogOperation } from '../../src/catalog/catalog';
import { CONNECTORS } from '../../connectors';
import { isGatewayError } from '../../src/errors/gateway-error';
import { consumerFor, startTestStack, type TestStack } from '../support/test-stack';

/**
 * The connector conformance suite: the same checks over every connection of the catalog, through real
 * HTTP to the mocks in each provider's own wire format.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('conformance', { timeoutMs: 1500 });
});

afterAll(async () => {
  await stack?.close();
});

afterEach(async () => {
  await stack.resetMocks();
});

interface Outcome {
  status: number;
  type?: string;
  providerCode?: string;
  data?: unknown;
  requestId: string;
}

/** Sync operations go through the HTTP API; async ones through the runtime the workers use. */
async function call(op: CatalogOperation, body: unknown): Promise<Outcome> {
  const consumer = consumerFor(stack, op.connection.id);
  if (op.config.mode === 'sync') {
    const res = await request(stack.gateway.app)
      .post(`/api/v1/services/${op.connection.id}/${op.config.id}`)
      .set('Authorization', `Bearer ${await stack.token(consumer)}`)
      .send(body as object);
    expect(res.headers['x-request-id']).toBeTruthy();
    if (res.status !== 200) {
      expect(res.headers['x-lgsp-error']).toBe(res.body.type);
      expect(res.body.detail).toBe(res.headers['x-request-id']);
    }
    return {
      status: res.status,
      type: res.body.type,
      providerCode: res.body.providerCode,
      data: res.body.data,
      requestId: res.headers['x-request-id'] as string,
    };
  }
  const requestId = randomUUID();
  try {
    const result = await stack.gateway.invoker.invoke({
      op,
      input: body,
      consumer,
      mode: 'async',
      requestId,
      jobId: `job-${requestId}`,
      idempotencyKey: `key-${requestId}`,
    });
    return { status: 200, data: result.data, requestId };
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    return { status: err.status, type: err.type, ...(err.providerCode ? { providerCode: err.providerCode } : {}), requestId };
  }
}

/** Every string of the example long enough to be identifying. */
function exampleStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && value.length >= 6) out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) exampleStrings(v, out);
  return out;
}

const connectionIds = (): string[] => stack.gateway.catalog.listConnections().map((c) => c.id);

test('the catalog lists exactly the registered connectors, each through NGSP or internal', () => {
  const connections = stack.gateway.catalog.listConnections();
  expect(connections.map((c) => c.id).sort()).toEqual(CONNECTORS.map((c) => c.id).sort());
  for (const c of connections) expect(['ngsp', 'internal']).toContain(c.direction);
});

test('every operation of every connection answers its example, and the provider received it', async () => {
  for (const serviceId of connectionIds()) {
    for (const opConfig of stack.gateway.catalog.getConnection(serviceId).operations) {
      const op = stack.gateway.catalog.getOperation(serviceId, opConfig.id);
      const outcome = await call(op, opConfig.example);
      expect({ serviceId, op: opConfig.id, status: outcome.status, type: outcome.type }).toEqual({
        serviceId,
        op: opConfig.id,
        status: 200,
        type: undefined,
      });
      expect(outcome.data).toBeDefined();
      const journal = await stack.journal(serviceId);
      const received = journal.items.filter((i) => i['requestId'] === outcome.requestId);
      expect(received).toEqual([expect.objectContaining({ serviceId, operationId: opConfig.id })]);
    }
  }
});

test('every exchange leaves exactly one connection-log record, without payload or personal data', async () => {
  for (const serviceId of connectionIds()) {
    const connection = stack.gateway.catalog.getConnection(serviceId);
    const before = (await stack.exchanges(serviceId)).length;
    const opConfig = connection.operations[0]!;
    const outcome = await call(stack.gateway.catalog.getOperation(serviceId, opConfig.id), opConfig.example);
    const records = await stack.exchanges(serviceId);
    expect(records).toHaveLength(before + 1);
    const record = records.find((r) => r.requestId === outcome.requestId);
    expect(record).toMatchObject({
      serviceId,
      operationId: opConfig.id,
      direction: connection.direction,
      mode: opConfig.mode,
      attempt: 1,
      outcome: 'success',
      errorType: null,
      httpStatus: 200,
    });
    expect(typeof record?.durationMs).toBe('number');
    const serialized = JSON.stringify(record);
    for (const value of exampleStrings(opConfig.example)) expect(serialized).not.toContain(value);
  }
});

describe.each([
  ['error', { mode: 'error' }, 'Server.Provider.Error', 502],
  ['malformed', { mode: 'malformed' }, 'Server.Provider.BadResponse', 502],
  ['slow', { mode: 'slow', latencyMs: 3000 }, 'Server.Provider.Timeout', 504],
  ['down', { mode: 'down' }, 'Server.Provider.Unreachable', 503],
])('when every provider is %s', (_name, fault, type, status) => {
  test(`then every connection answers ${type} and logs the failure`, async () => {
    const ids = connectionIds();
    await Promise.all(ids.map((id) => stack.fault(id, fault)));
    const results = await Promise.all(
      ids.map(async (serviceId) => {
        const opConfig = stack.gateway.catalog.getConnection(serviceId).operations[0]!;
        const outcome = await call(stack.gateway.catalog.getOperation(serviceId, opConfig.id), opConfig.example);
        const record = (await stack.exchanges(serviceId)).find((r) => r.requestId === outcome.requestId);
        return {
          serviceId,
          status: outcome.status,
          type: outcome.type,
          hasProviderCode: outcome.providerCode !== undefined,
          logged: record?.outcome,
          loggedType: record?.errorType,
        };
      }),
    );
    for (const r of results) {
      expect(r).toEqual({
        serviceId: r.serviceId,
        status,
        type,
        hasProviderCode: type === 'Server.Provider.Error',
        logged: 'failure',
        loggedType: type,
      });
    }
  });
});
