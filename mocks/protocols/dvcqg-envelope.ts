import { z } from 'zod';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { Dispatch, MockReply, MockService, ProtocolAdapter } from './mock-service';
import { replyOrProviderError } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';
import { parseJsonBody } from './rest-json';
import { validateInput } from './input-validation';

const envelopeSchema = z.object({
  session: z.string().min(1),
  madonvi: z.string().min(1),
  service: z.string().min(1),
  isUpdating: z.boolean(),
  data: z.array(z.unknown()).min(1),
});

export type DvcqgEnvelope = z.output<typeof envelopeSchema>;

/** One DVCQG `service` of the envelope: its `data` in, its `result` out. */
export interface DvcqgOperation {
  readonly operationId: string;
  readonly service: string;
  execute(envelope: DvcqgEnvelope, errorPrefix: string): Promise<unknown> | unknown;
}

export interface DvcqgServiceDefinition {
  readonly id: string;
  readonly providerName: string;
  readonly errorPrefix: string;
  readonly auth: MockAuthProfile;
  readonly fidelity: MockService['fidelity'];
  readonly path: string;
  readonly operations: readonly DvcqgOperation[];
}

/** Keeps the item type of `handle` tied to its schema, then erases it for the dispatch table. */
export function dvcqgOperation<S extends z.ZodType>(op: {
  operationId: string;
  service: string;
  item: S;
  handle(items: Array<z.output<S>>, envelope: DvcqgEnvelope): Promise<unknown> | unknown;
}): DvcqgOperation {
  return {
    operationId: op.operationId,
    service: op.service,
    execute: (envelope, prefix) => op.handle(validateInput(z.array(op.item), envelope.data, prefix), envelope),
  };
}

/** DVCQG answers HTTP 200 with `error_code` other than "00" unless the fault says otherwise. */
export const dvcqgProtocol: ProtocolAdapter = {
  name: 'dvcqg',
  errorReply: (error, status) => jsonReply({ error_code: error.code, message: error.message, result: null }, status ?? 200),
};

export function defineDvcqgService(def: DvcqgServiceDefinition): MockService {
  const byService = new Map(def.operations.map((op) => [op.service, op]));
  const refuse = (message: string): MockReply => dvcqgProtocol.errorReply(new ProviderError(`${def.errorPrefix}-400`, message, 400));
  const answer = (op: DvcqgOperation, envelope: DvcqgEnvelope): Promise<MockReply> =>
    replyOrProviderError(dvcqgProtocol, async () => jsonReply({ error_code: '00', message: 'Thành công', result: await op.execute(envelope, def.errorPrefix) }));
  return {
    id: def.id,
    providerName: def.providerName,
    errorPrefix: def.errorPrefix,
    auth: def.auth,
    fidelity: def.fidelity,
    operations: def.operations.map((op) => op.operationId),
    protocol: dvcqgProtocol,
    endpoints: [{
      method: 'post',
      path: def.path,
      operations: def.operations.map((op) => ({ operationId: op.operationId, wireOperation: op.service })),
      bodyLimit: '10mb',
      async decode(req): Promise<Dispatch | MockReply> {
        const body = parseJsonBody(req);
        if (!body.ok) return refuse('Nội dung yêu cầu không phải JSON hợp lệ');
        const envelope = envelopeSchema.safeParse(body.value);
        if (!envelope.success) return refuse(`Envelope không hợp lệ: ${envelope.error.issues.map((i) => i.path.join('.')).join(', ')}`);
        const op = byService.get(envelope.data.service);
        if (op === undefined) return refuse(`Không hỗ trợ service ${envelope.data.service}`);
        return { operationId: op.operationId, run: () => answer(op, envelope.data) };
      },
    }],
  };
}
