import type { Request } from 'express';
import type { z } from 'zod';
import { validateInput } from './input-validation';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { Dispatch, MockReply, MockService, ProtocolAdapter, ServiceEndpoint } from './mock-service';
import { replyOrProviderError } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';

/** One REST JSON operation: a path, a validated input, a JSON answer. */
export interface RestOperation {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  readonly path: string;
  execute(input: unknown, errorPrefix: string): Promise<unknown> | unknown;
}

export interface RestServiceDefinition {
  readonly id: string;
  readonly providerName: string;
  readonly errorPrefix: string;
  readonly auth: MockAuthProfile;
  readonly fidelity: MockService['fidelity'];
  readonly operations: readonly RestOperation[];
}

/** Keeps the input type of `handle` tied to its schema, then erases it for the dispatch table. */
export function restOperation<S extends z.ZodType>(op: {
  operationId: string;
  method?: 'get' | 'post';
  path: string;
  input: S;
  handle(input: z.output<S>): Promise<unknown> | unknown;
}): RestOperation {
  return {
    operationId: op.operationId,
    method: op.method ?? 'post',
    path: op.path,
    execute: (raw, prefix) => op.handle(validateInput(op.input, raw, prefix)),
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

function endpoint(op: RestOperation, errorPrefix: string): ServiceEndpoint {
  const refuse = (message: string): MockReply => restProtocol.errorReply(new ProviderError(`${errorPrefix}-400`, message, 400));
  return {
    method: op.method,
    path: op.path,
    operations: [{ operationId: op.operationId, wireOperation: op.path.slice(op.path.lastIndexOf('/') + 1) }],
    bodyLimit: '10mb',
    async decode(req): Promise<Dispatch | MockReply> {
      let input: unknown = { ...(req.query as Record<string, unknown>) };
      if (op.method === 'post') {
        const parsed = parseJsonBody(req);
        if (!parsed.ok) return refuse('Nội dung yêu cầu không phải JSON hợp lệ');
        input = parsed.value;
      }
      return {
        operationId: op.operationId,
        run: () => replyOrProviderError(restProtocol, async () => jsonReply(await op.execute(input, errorPrefix))),
      };
    },
  };
}

export function defineRestService(def: RestServiceDefinition): MockService {
  return {
    id: def.id,
    providerName: def.providerName,
    errorPrefix: def.errorPrefix,
    auth: def.auth,
    fidelity: def.fidelity,
    operations: def.operations.map((op) => op.operationId),
    protocol: restProtocol,
    endpoints: def.operations.map((op) => endpoint(op, def.errorPrefix)),
  };
}
