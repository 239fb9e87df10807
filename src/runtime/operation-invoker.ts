import type { Logger } from 'pino';
import { mapContext, type CatalogOperation } from '../catalog/catalog';
import type { ConnectionLogWriter } from '../connection-log/connection-log-writer';
import type { ExchangeObserver, ExchangeRecord } from '../connection-log/exchange-record';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import type { AnswersWithFollowUps, FollowUp } from '../connector-kit/connector-definition';
import { PersonalDataMask } from '../privacy/personal-data-mask';
import type { HttpTransport, OutboundResponse } from '../protocols/http-transport';
import type { CircuitBreakers } from './circuit-breakers';
import type { ConnectionBulkheads } from './connection-bulkheads';
import { encodeForProvider, encodeForWire, type EncodedRequest } from './encode-for-provider';

export interface InvokeRequest {
  op: CatalogOperation;
  /** Input already validated by `parseOperationInput`. */
  input: unknown;
  consumer: string;
  mode: 'sync' | 'async';
  requestId: string;
  jobId?: string | null;
  attempt?: number;
  idempotencyKey?: string;
  /** When the consumer's request reached the gateway. */
  receivedAt?: Date;
  /** Lets the caller abort (a worker shutting down); the connection's timeout applies anyway. */
  signal?: AbortSignal;
}

export interface InvokeResult {
  data: unknown;
  durationMs: number;
}

/**
 * Runs one exchange: map the provincial JSON to the provider's format, send it, map the
 * answer back, and record the attempt in the connection log whatever happens.
 */
export class OperationInvoker {
  constructor(
    private readonly deps: {
      transport: HttpTransport;
      connectionLog: ConnectionLogWriter;
      logger: Logger;
      province: { name: string; agencyCode: string };
      /** Told of every exchange after the connection log (metrics). */
      observers?: readonly ExchangeObserver[];
      /** The connections' circuit breakers; calls go straight to the provider when absent. */
      breakers?: CircuitBreakers;
      /** Caps on sync calls in flight per connection; no cap when absent. */
      bulkheads?: ConnectionBulkheads;
    },
  ) {}

  async invoke(req: InvokeRequest): Promise<InvokeResult> {
    const { op } = req;
    const receivedAt = req.receivedAt ?? new Date();
    const started = performance.now();
    const startedAt = new Date();
    let response: OutboundResponse | undefined;
    let requestOutTs: Date | null = null;
    let responseInTs: Date | null = null;
    let requestBytes = 0;
    let responseBytes = 0;
    let leave: (() => void) | undefined;
    try {
      // Outside the breaker: a refusal of ours says nothing about the provider.
      if (req.mode === 'sync' && this.deps.bulkheads) leave = this.deps.bulkheads.enter(op.connection.id);
      const ctx = mapContext(op, req.requestId, this.deps.province);
      // One provider round trip: what the breaker guards and the deadline bounds.
      const roundTrip = async (
        { outbound, adapter, ctx: tripCtx }: EncodedRequest,
        requestId: string,
        idempotencyKey: string | undefined,
      ): Promise<unknown> => {
        requestBytes += outbound.body ? Buffer.byteLength(outbound.body) : 0;
        const exchange = async (): Promise<unknown> => {
          requestOutTs ??= new Date();
          // A timer cleared when the answer comes: AbortSignal.timeout would fire later for every call anyway.
          const deadline = new AbortController();
          const timer = setTimeout(
            () => deadline.abort(new DOMException(`No answer within ${op.connection.timeoutMs} ms`, 'TimeoutError')),
            op.connection.timeoutMs,
          );
          const signal = req.signal ? AbortSignal.any([deadline.signal, req.signal]) : deadline.signal;
          try {
            response = await this.deps.transport.send(op.connection, outbound, {
              requestId,
              signal,
              ...(idempotencyKey ? { idempotencyKey } : {}),
            });
          } finally {
            clearTimeout(timer);
          }
          responseBytes += response.responseBytes;
          responseInTs = new Date();
          return adapter.decode(response, tripCtx);
        };
        return this.deps.breakers ? this.deps.breakers.run(op.connection.id, exchange) : exchange();
      };
      const first = await roundTrip(encodeForProvider(op, req.input, ctx), req.requestId, req.idempotencyKey);
      let answer = first;
      if (op.definition.followUps) {
        const followUps: Array<{ about: unknown; answer: unknown }> = [];
        // Each further round trip is a request of its own: its id and idempotency key derive from the call's,
        // so the provider tells them apart, and a retried call repeats each under the same key.
        for (const [i, next] of planFollowUps(op, first, req.input, ctx).entries()) {
          const key = req.idempotencyKey ? `${req.idempotencyKey}.${i + 1}` : undefined;
          followUps.push({
            about: next.about,
            answer: await roundTrip(encodeForWire(op, next.request, next.wire, this.deps.province), `${req.requestId}.${i + 1}`, key),
          });
        }
        answer = { first, followUps } satisfies AnswersWithFollowUps;
      }
      const data = mapAnswer(op, answer, ctx);
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      this.record(req, {
        startedAt,
        receivedAt,
        durationMs,
        requestOutTs,
        responseInTs,
        response,
        requestBytes,
        responseBytes,
        error: null,
      });
      return { data, durationMs };
    } catch (err) {
      const wrapped = isGatewayError(err)
        ? err
        : new GatewayError('Server.Gateway.Internal', 'The gateway failed to map the request', { cause: err });
      // Masked here, once: from this point the error reaches the log, the caller, the job's lastError and the callback.
      const error = PersonalDataMask.of(req.input, op.definition.personalFields).error(wrapped);
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      this.record(req, { startedAt, receivedAt, durationMs, requestOutTs, responseInTs, response, requestBytes, responseBytes, error });
      throw error;
    } finally {
      leave?.();
    }
  }

  private record(
    req: InvokeRequest,
    r: {
      startedAt: Date;
      receivedAt: Date;
      durationMs: number;
      requestOutTs: Date | null;
      responseInTs: Date | null;
      response: OutboundResponse | undefined;
      requestBytes: number;
      responseBytes: number;
      error: GatewayError | null;
    },
  ): void {
    const { op } = req;
    const record: ExchangeRecord = {
      requestId: req.requestId,
      jobId: req.jobId ?? null,
      consumer: req.consumer,
      serviceId: op.connection.id,
      operationId: op.config.id,
      direction: op.connection.direction,
      mode: req.mode,
      attempt: req.attempt ?? 1,
      startedAt: r.startedAt.toISOString(),
      durationMs: r.durationMs,
      httpStatus: r.response?.status ?? r.error?.providerStatus ?? null,
      outcome: r.error ? 'failure' : 'success',
      errorType: r.error?.type ?? null,
      providerCode: r.error?.providerCode ?? null,
      requestInTs: r.receivedAt.toISOString(),
      requestOutTs: r.requestOutTs?.toISOString() ?? null,
      responseInTs: r.responseInTs?.toISOString() ?? null,
      responseOutTs: new Date().toISOString(),
      requestBytes: r.requestBytes,
      responseBytes: r.responseBytes,
    };
    this.deps.connectionLog.write(record);
    for (const observer of this.deps.observers ?? []) observer.observeExchange(record);
    if (r.error?.type === 'Server.Gateway.ConnectionBusy') {
      // Our own limit, counted in lgsp_bulkhead_refused_total: at overload a line per refusal would flood the log.
      this.deps.logger.debug(
        { serviceId: record.serviceId, operationId: record.operationId, requestId: req.requestId },
        'sync call refused: connection busy',
      );
    } else if (r.error) {
      const level = r.error.type === 'Server.Gateway.Internal' ? 'error' : 'warn';
      this.deps.logger[level](
        {
          serviceId: record.serviceId,
          operationId: record.operationId,
          requestId: req.requestId,
          jobId: record.jobId,
          errorType: r.error.type,
          providerCode: record.providerCode,
          err: r.error,
        },
        'provider exchange failed',
      );
    }
  }
}

/** The further round trips an answer calls for; an answer they cannot be planned from is malformed. */
function planFollowUps(op: CatalogOperation, first: unknown, input: unknown, ctx: ReturnType<typeof mapContext>): readonly FollowUp[] {
  try {
    return op.definition.followUps?.(first, input as never, ctx) ?? [];
  } catch (err) {
    if (isGatewayError(err)) throw err;
    throw new GatewayError('Server.Provider.BadResponse', 'The provider sent an answer the gateway cannot map', { cause: err });
  }
}

/** A mapping that chokes on the provider's answer is the provider's malformed answer. */
function mapAnswer(op: CatalogOperation, answer: unknown, ctx: ReturnType<typeof mapContext>): unknown {
  try {
    return op.definition.fromProvider(answer, ctx);
  } catch (err) {
    if (isGatewayError(err)) throw err;
    throw new GatewayError('Server.Provider.BadResponse', 'The provider sent an answer the gateway cannot map', { cause: err });
  }
}
