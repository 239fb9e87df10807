import { stdSerializers } from 'pino';

/**
 * What of an error a log line keeps: pino's serializer gives message and stack with every
 * cause; of the error's other fields only these plain values are kept. The rest is dropped
 * because errors carry what must not be logged: body-parser's the raw body, axios's the
 * request config with its headers, ioredis's the command with its arguments (job data).
 */
const KEPT_FIELDS = new Set([
  'type',
  'message',
  'stack',
  'code',
  'errno',
  'syscall',
  'status',
  'statusCode',
  'retryable',
  'providerCode',
  'providerStatus',
  'retryAfterSeconds',
  'keyId',
]);

/** The `err` serializer of every gateway logger: `logger.warn({ err }, '…')` logs message, stack and causes. */
export function serializeError(err: unknown): unknown {
  if (!isErrorLike(err)) return err;
  const full = stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) {
    if (KEPT_FIELDS.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) kept[key] = value;
  }
  // pino names the class in `type`; a GatewayError's (or body-parser's) own `type` is the useful one.
  const ownType = (err as { type?: unknown }).type;
  if (typeof ownType === 'string') kept['errorType'] = ownType;
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors)) kept['aggregateErrors'] = errors.map(serializeError);
  return kept;
}

function isErrorLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/**
 * An expected, passing condition (Redis away for a moment, a retry that the next round makes),
 * logged at debug without a stack: the stack says nothing a person could act on, and a stack in
 * the logs is kept for what went wrong.
 */
export function briefly(err: unknown): { reason: string; code?: string } {
  const e = err as { message?: unknown; code?: unknown } | null;
  const reason = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' ? { reason, code: e.code } : { reason };
}
