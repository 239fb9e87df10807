import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { Redis } from 'ioredis';
import { startMocks, type RunningMocks } from '../../../mocks/main';
import { parseOperationInput } from '../../../src/catalog/catalog';
import { isGatewayError, type GatewayError } from '../../../src/errors/gateway-error';
import { composeGateway, type GatewayParts } from '../../../src/main/compose-gateway';
import { deleteKeys, testPrefix } from '../../support/redis-prefix';
import { startRecordingProxy, type CapturedRequest, type RecordingProxy } from './recording-proxy';

export type { CapturedRequest } from './recording-proxy';

/** What the gateway sent for one call, and what it made of the answer. */
export interface Outbound {
  /** Every request the call sent (token or login calls included), in order. */
  readonly requests: readonly CapturedRequest[];
  /** The last request: the operation itself. */
  readonly request: CapturedRequest;
  readonly data?: unknown;
  readonly error?: GatewayError;
}

/**
 * Real mocks behind recording proxies and a real gateway pointed at the proxies: golden tests
 * send hand-written real-shape requests straight to a mock, and compare them with what the
 * gateway itself puts on the wire for the same operation.
 */
export interface GoldenStack {
  readonly gateway: GatewayParts;
  readonly mocks: RunningMocks;
  /** An HTTP client for the mock serving `serviceId`, straight (no proxy), never throwing on a status, body as text. */
  mock(serviceId: string): AxiosInstance;
  /** Runs one operation through the gateway's invoker (validation, mapping, auth, transport) and captures the wire. */
  outbound(serviceId: string, operationId: string, input: unknown): Promise<Outbound>;
  close(): Promise<void>;
}

export async function startGoldenStack(name: string): Promise<GoldenStack> {
  const mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
  const ngsp = await startRecordingProxy(mocks.ngspUrl);
  const province = await startRecordingProxy(mocks.provinceUrl);
  const prefix = testPrefix(`golden-${name}`);
  const env = { ...process.env, NGSP_URL: ngsp.url, PROVINCE_URL: province.url, LGSP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
  const gateway = composeGateway({ env });
  const internal = (serviceId: string): boolean => gateway.catalog.getConnection(serviceId).direction === 'internal';
  const proxyOf = (serviceId: string): RecordingProxy => (internal(serviceId) ? province : ngsp);
  return {
    gateway,
    mocks,
    mock: (serviceId) =>
      axios.create({
        baseURL: internal(serviceId) ? mocks.provinceUrl : mocks.ngspUrl,
        validateStatus: () => true,
        transformResponse: (body: unknown) => body,
        responseType: 'text',
        timeout: 20_000,
      }),
    async outbound(serviceId, operationId, raw) {
      const op = gateway.catalog.getOperation(serviceId, operationId);
      const proxy = proxyOf(serviceId);
      const from = proxy.captured.length;
      const requestId = randomUUID();
      let data: unknown;
      let error: GatewayError | undefined;
      try {
        const input = await parseOperationInput(op, raw);
        data = (
          await gateway.invoker.invoke({
            op,
            input,
            consumer: 'golden',
            mode: op.config.mode,
            requestId,
            idempotencyKey: `golden-${requestId}`,
          })
        ).data;
      } catch (err) {
        if (!isGatewayError(err)) throw err;
        error = err;
      }
      const requests = proxy.captured.slice(from);
      const request = requests.at(-1);
      if (!request) throw new Error(`${serviceId}/${operationId} sent nothing${error ? `: ${error.type} ${error.message}` : ''}`);
      return { requests, request, ...(error ? { error } : { data }) };
    },
    async close() {
      await gateway.close();
      await ngsp.close();
      await province.close();
      await mocks.close();
      const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
      await deleteKeys(redis, prefix);
      redis.disconnect();
    },
  };
}
