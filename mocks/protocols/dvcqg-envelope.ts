import { z } from 'zod';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { Dispatch, MockReply, MockService, ProtocolAdapter } from './mock-service';
import { replyOrProviderError } from './mock-service';
import { ProviderError } from './provider-error';
import { jsonReply } from './replies';
import { parseJsonBody } from './rest-json';

/**
 * The portal's answer codes. Success ("00") and the answer shape are public; the refusal codes
 * are this mock's choice (public clients only test for success), listed once here.
 */
export const DVCQG_CODES = {
  ok: '00',
  invalidData: '01',
  unknownService: '02',
  notFound: '04',
} as const;

const envelopeSchema = z.looseObject({ session: z.string(), madonvi: z.string().min(1), service: z.string().min(1) });

export type DvcqgEnvelope = z.output<typeof envelopeSchema>;

/** One DVCQG `service` of the envelope: its own fields in, its `result` out. */
export interface DvcqgOperation {
  readonly operationId: string;
  readonly service: string;
  execute(envelope: DvcqgEnvelope): Promise<unknown> | unknown;
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

/** The portal's refusal of data it cannot take: every problem named by its path. */
export function invalidDvcqgData(issues: readonly z.core.$ZodIssue[]): ProviderError {
  const problems = issues.map((i) => `${i.path.join('.') || '(envelope)'}: ${i.message}`);
  return new ProviderError(DVCQG_CODES.invalidData, `Dữ liệu không hợp lệ: ${problems.join('; ')}`, 200, 'client');
}

/** Keeps the type of `handle` tied to the service's field schema, then erases it for the dispatch table. */
export function dvcqgOperation<S extends z.ZodType>(op: {
  operationId: string;
  service: string;
  /** The envelope's fields beside session, madonvi and service (`isUpdating` + `data`, `mahoso`…). */
  fields: S;
  handle(fields: z.output<S>, envelope: DvcqgEnvelope): Promise<unknown> | unknown;
}): DvcqgOperation {
  return {
    operationId: op.operationId,
    service: op.service,
    execute: (envelope) => {
      const parsed = op.fields.safeParse(envelope);
      if (!parsed.success) throw invalidDvcqgData(parsed.error.issues);
      return op.handle(parsed.data, envelope);
    },
  };
}

/** The portal answers HTTP 200 with an `error_code` other than "00" unless a fault says otherwise. */
export const dvcqgProtocol: ProtocolAdapter = {
  name: 'dvcqg',
  errorReply: (error, status) => jsonReply({ error_code: error.code, message: error.message, result: null }, status ?? 200),
};

export function defineDvcqgService(def: DvcqgServiceDefinition): MockService {
  const byService = new Map(def.operations.map((op) => [op.service, op]));
  const refuse = (error: ProviderError): MockReply => dvcqgProtocol.errorReply(error);
  const answer = (op: DvcqgOperation, envelope: DvcqgEnvelope): Promise<MockReply> =>
    replyOrProviderError(dvcqgProtocol, async () =>
      jsonReply({ error_code: DVCQG_CODES.ok, message: 'Thành công', result: await op.execute(envelope) }),
    );
  return {
    id: def.id,
    providerName: def.providerName,
    errorPrefix: def.errorPrefix,
    auth: def.auth,
    fidelity: def.fidelity,
    operations: def.operations.map((op) => op.operationId),
    protocol: dvcqgProtocol,
    endpoints: [
      {
        method: 'post',
        path: def.path,
        operations: def.operations.map((op) => ({ operationId: op.operationId, wireOperation: op.service })),
        bodyLimit: '10mb',
        async decode(req): Promise<Dispatch | MockReply> {
          const body = parseJsonBody(req);
          if (!body.ok) return refuse(new ProviderError(DVCQG_CODES.invalidData, 'Nội dung yêu cầu không phải JSON hợp lệ', 200));
          const envelope = envelopeSchema.safeParse(body.value);
          if (!envelope.success) return refuse(invalidDvcqgData(envelope.error.issues));
          const op = byService.get(envelope.data.service);
          if (op === undefined)
            return refuse(new ProviderError(DVCQG_CODES.unknownService, `Không hỗ trợ service ${envelope.data.service}`, 200));
          return { operationId: op.operationId, run: () => answer(op, envelope.data) };
        },
      },
    ],
  };
}
