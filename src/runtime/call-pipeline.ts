import type { ConsumerRegistry } from '../auth/consumer-registry';
import type { Principal } from '../auth/token-service';
import { parseOperationInput, type Catalog, type CatalogOperation } from '../catalog/catalog';
import { GatewayError } from '../errors/gateway-error';
import type { QuotaLedger } from '../limits/quota-ledger';
import { jobStatusUrl } from './job-status-url';
import type { JobSubmitter } from './job-submitter';
import type { OperationInvoker } from './operation-invoker';

/** What an `Idempotency-Key` may hold (also published in the OpenAPI document). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._-]{1,128}$/;

/** The format of a call's body as its transport read the media type: JSON, XML, or anything else. */
export type BodyFormat = 'json' | 'xml' | 'other';

/** Everything known about a call before its body is read. */
export interface CallHead {
  serviceId: string;
  operationId: string;
  principal: Principal;
  requestId: string;
  /** The caller asked for an async answer (HTTP `Prefer: respond-async`); an async operation is async anyway. */
  preferAsync?: boolean;
  /** Read by async calls only: a retry with the same key gives back the same job. */
  idempotencyKey?: string;
  /** When the call reached the gateway (now when absent). */
  receivedAt?: Date;
  /** The body's format; absent when the call has no body. */
  body?: BodyFormat;
}

const admitted: unique symbol = Symbol('admitted');

/** A call that passed `precheck`: only the pipeline makes one, so `accept` never takes an unchecked call. */
export interface AdmittedCall extends CallHead {
  readonly op: CatalogOperation;
  readonly async: boolean;
  readonly [admitted]: true;
}

/** A call's outcome, whatever the transport: the provider's mapped answer, or the job that will deliver it. */
export type CallOutcome =
  | { kind: 'answer'; data: unknown; requestId: string; serviceId: string; operationId: string; durationMs: number }
  | { kind: 'accepted'; jobId: string; status: string; statusUrl: string; created: boolean };

export interface CallPipelineDeps {
  catalog: Pick<Catalog, 'getOperation'>;
  consumers: Pick<ConsumerRegistry, 'assertMayCall'>;
  invoker: Pick<OperationInvoker, 'invoke'>;
  /** The queues; async calls answer QueueUnavailable without them. */
  submitter?: JobSubmitter;
  /** The consumers' sync-call quota (async submits are charged by the submitter, in one script). */
  quotas?: Pick<QuotaLedger, 'takeSync'>;
}

/**
 * The one owner of a call, for every transport: resolve the operation → check the grant, the
 * body's format and the sync quota → validate the input → run it (sync) or queue it (async).
 * `precheck` is everything that needs no body, so a refused caller costs nothing more; the
 * transport reads the body only after it. Every refusal is a GatewayError of the contract.
 */
export class CallPipeline {
  constructor(private readonly deps: CallPipelineDeps) {}

  async precheck(head: CallHead): Promise<AdmittedCall> {
    const op = this.deps.catalog.getOperation(head.serviceId, head.operationId);
    this.deps.consumers.assertMayCall(head.principal, op.connection.id);
    if (head.body !== undefined && head.body !== 'json' && !(head.body === 'xml' && op.definition.xmlInput)) {
      throw new GatewayError(
        'Client.UnsupportedMediaType',
        op.definition.xmlInput ? 'Send application/json or application/xml' : 'Send application/json',
      );
    }
    const async = op.config.mode === 'async' || head.preferAsync === true;
    // A throttled consumer's sync call is refused before its body is read or parsed.
    if (this.deps.quotas && !async) await this.deps.quotas.takeSync(head.principal.id);
    return { ...head, op, async, [admitted]: true };
  }

  /** Validates the raw input (a JSON value, or what the operation's `xmlInput` read) and runs or queues the call. */
  async accept(call: AdmittedCall, raw: unknown): Promise<CallOutcome> {
    const input = await parseOperationInput(call.op, raw);
    return call.async ? this.enqueue(call, input) : this.run(call, input);
  }

  /** Both steps, for callers that hold the input already (benches, tools, tests). */
  async call(head: CallHead, raw: unknown): Promise<CallOutcome> {
    return this.accept(await this.precheck(head), raw);
  }

  private async run(call: AdmittedCall, input: unknown): Promise<CallOutcome> {
    const { op } = call;
    const result = await this.deps.invoker.invoke({
      op,
      input,
      consumer: call.principal.id,
      mode: 'sync',
      requestId: call.requestId,
      ...(call.receivedAt ? { receivedAt: call.receivedAt } : {}),
    });
    return {
      kind: 'answer',
      data: result.data,
      requestId: call.requestId,
      serviceId: op.connection.id,
      operationId: op.config.id,
      durationMs: result.durationMs,
    };
  }

  private async enqueue(call: AdmittedCall, input: unknown): Promise<CallOutcome> {
    if (!this.deps.submitter)
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'Asynchronous delivery is not available on this gateway');
    const key = call.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new GatewayError('Client.BadRequest', 'Idempotency-Key must be 1-128 letters, digits, dot, dash or underscore');
    const job = await this.deps.submitter.submit({
      op: call.op,
      input,
      consumer: call.principal.id,
      requestId: call.requestId,
      ...(key ? { idempotencyKey: key } : {}),
    });
    return { kind: 'accepted', jobId: job.jobId, status: job.status, statusUrl: jobStatusUrl(job.jobId), created: job.created };
  }
}
