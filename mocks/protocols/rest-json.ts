import type { Request } from 'express';
import type { z } from 'zod';
import { validateInput } from './input-validation';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { Dispatch, MockReply, MockService, ProtocolAdapter, ServiceEndpoint } from './mock-service';
import { replyOrProviderError } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';

/** What a REST call carried: the JSON body (POST) or query and path parameters (GET), and the request's headers. */
export interface RestCall {
  readonly input: unknown;
  readonly header: (name: string) => string | undefined;
}

/** One REST JSON operation: a path, a validated input, a JSON answer. */
export interface RestOperation {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  /** Express syntax: `/dmdc/Category/:code` puts `code` beside the query. */
  readonly path: string;
  /** The resource as the provider names it; the last path segment when absent. */
  readonly wireOperation?: string;
  execute(call: RestCall, errorPrefix: string): Promise<unknown> | unknown;
}

export interface RestServiceDefinition {
  readonly id: string;
  readonly providerName: string;
  readonly errorPrefix: string;
  readonly auth: MockAuthProfile;
  readonly fidelity: MockService['fidelity'];
  readonly operations: readonly RestOperation[];
  /** The provider's own error answer; REST JSON `{"errorCode","errorMessage"}` unless given. */
  readonly protocol?: ProtocolAdapter;
}

/** Reads the headers a schema names (`SENDER_CODE`…) into an object the schema then validates. */
function headerObject(schema: z.ZodObject, header: RestCall['header']): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(schema.shape).map((name) => [name, header(name)]));
}

/** Keeps the input type of `handle` tied to its schemas, then erases it for the dispatch table. */
export function restOperation<S extends z.ZodType, H extends z.ZodObject = z.ZodObject<Record<string, never>>>(op: {
  operationId: string;
  method?: 'get' | 'post';
  path: string;
  wireOperation?: string;
  input: S;
  /** Headers the provider's API requires on this call, validated before the input. */
  headers?: H;
  handle(input: z.output<S>, headers: z.output<H>): Promise<unknown> | unknown;
}): RestOperation {
  return {
    operationId: op.operationId,
    method: op.method ?? 'post',
    path: op.path,
    ...(op.wireOperation ? { wireOperation: op.wireOperation } : {}),
    execute: (call, prefix) => {
      const headers = (op.headers ? validateInput(op.headers, headerObject(op.headers, call.header), prefix) : {}) as z.output<H>;
      return op.handle(validateInput(op.input, call.input, prefix), headers);
    },
  };
}

/** `{"errorCode","errorMessage"}` with a 4xx/5xx status (500 unless told). */
export const restProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) => jsonReply({ errorCode: error.code, errorMessage: error.message }, status ?? error.status),
};

/** Parses a JSON body given as text; undefined when it is not JSON. */
export function parseJsonBody(req: Request): { ok: true; value: unknown } | { ok: false } {
  if (typeof req.body !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(req.body) as unknown };
  } catch {
    return { ok: false };
  }
}

function endpoint(op: RestOperation, errorPrefix: string, protocol: ProtocolAdapter): ServiceEndpoint {
  const refuse = (message: string): MockReply => protocol.errorReply(new ProviderError(`${errorPrefix}-400`, message, 400));
  return {
    method: op.method,
    path: op.path,
    operations: [{ operationId: op.operationId, wireOperation: op.wireOperation ?? op.path.slice(op.path.lastIndexOf('/') + 1) }],
    bodyLimit: '10mb',
    async decode(req): Promise<Dispatch | MockReply> {
      let input: unknown = { ...(req.query as Record<string, unknown>), ...(req.params as Record<string, unknown>) };
      if (op.method === 'post') {
        const parsed = parseJsonBody(req);
        if (!parsed.ok) return refuse('Nội dung yêu cầu không phải JSON hợp lệ');
        input = parsed.value;
      }
      return {
        operationId: op.operationId,
        run: () =>
          replyOrProviderError(protocol, async () => jsonReply(await op.execute({ input, header: (name) => req.get(name) }, errorPrefix))),
      };
    },
  };
}

export function defineRestService(def: RestServiceDefinition): MockService {
  const protocol = def.protocol ?? restProtocol;
  return {
    id: def.id,
    providerName: def.providerName,
    errorPrefix: def.errorPrefix,
    auth: def.auth,
    fidelity: def.fidelity,
    operations: def.operations.map((op) => op.operationId),
    protocol,
    endpoints: def.operations.map((op) => endpoint(op, def.errorPrefix, protocol)),
  };
}
