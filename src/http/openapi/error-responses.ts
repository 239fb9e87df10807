import { ERROR_TABLE, type ErrorType } from '../../errors/gateway-error';
import type { JsonObject } from './json-object';

/** What each error type tells the caller, for the document (the table itself is `ERROR_TABLE`). */
const MEANING: Readonly<Record<ErrorType, string>> = {
  'Client.BadRequest': "The body, a header or the path is malformed or does not match the operation's schema.",
  'Client.Unauthorized': 'No bearer token, or one that is invalid, expired or revoked.',
  'Client.AccessDenied': 'The caller is not granted this service, or the endpoint needs another role.',
  'Client.UnknownService': 'No such service (or endpoint).',
  'Client.UnknownOperation': 'The service has no such operation.',
  'Client.UnknownJob': 'No such job for this caller.',
  'Client.PayloadTooLarge': 'The body is larger than the gateway accepts.',
  'Client.UnsupportedMediaType': 'The body is not JSON (or XML, where an operation takes a ready-made XML document).',
  'Client.IdempotencyKeyMismatch': 'The Idempotency-Key was already used by this caller with another body.',
  'Client.RateLimited': "The caller's quota is spent; wait `Retry-After` seconds (`X-LGSP-Limit` names the quota).",
  'Server.Provider.Error': 'The provider answered with a fault or an error code; `providerCode` keeps its own code.',
  'Server.Provider.BadResponse': "The provider's answer could not be read.",
  'Server.Provider.Unreachable': 'The provider could not be reached.',
  'Server.Provider.Timeout': "The provider did not answer within the connection's deadline.",
  'Server.Gateway.CircuitOpen': "The connection's breaker is open after repeated provider failures; retry after `Retry-After`.",
  'Server.Gateway.ConnectionBusy': 'The connection already has as many sync calls in flight as it allows; retry after `Retry-After`.',
  'Server.Gateway.QueueUnavailable': 'Asynchronous delivery cannot accept the request now (queue store away or full).',
  'Server.Gateway.Internal': 'The gateway failed; the request id in `detail` finds it in the logs.',
};

/** The types whose answer may carry `Retry-After` (the gateway knows when trying again can help). */
const WITH_RETRY_AFTER: ReadonlySet<ErrorType> = new Set([
  'Client.RateLimited',
  'Server.Gateway.CircuitOpen',
  'Server.Gateway.ConnectionBusy',
  'Server.Gateway.QueueUnavailable',
]);

export const ERROR_TYPES = Object.keys(ERROR_TABLE) as ErrorType[];

/** The contract's error body and the headers every error carries. */
export function errorComponents(): { schemas: JsonObject; headers: JsonObject } {
  return {
    schemas: {
      Error: {
        type: 'object',
        description:
          'Every error the gateway answers (outside `/token`). The `X-LGSP-Error` header repeats `type`. No answer carries a stack trace.',
        required: ['type', 'message', 'detail'],
        properties: {
          type: {
            type: 'string',
            enum: ERROR_TYPES,
            description:
              "Who failed, as X-Road's prefixes: `Client.*` the caller, `Server.Provider.*` the provider, `Server.Gateway.*` the gateway.",
          },
          message: { type: 'string' },
          detail: { type: 'string', description: 'The request id (`X-Request-Id`).' },
          providerCode: { type: 'string', description: "The provider's own error code (`Server.Provider.Error`)." },
        },
      },
    },
    headers: {
      'X-LGSP-Error': { description: "The error's `type`.", schema: { type: 'string', enum: ERROR_TYPES } },
      'X-Request-Id': {
        description: "The caller's request id, or a new one: the gateway passes it to the provider and records it in the connection log.",
        schema: { type: 'string' },
      },
      'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
    },
  };
}

/**
 * The error answers of one endpoint, one per HTTP status, each listing the types that status
 * carries there. Built from `ERROR_TABLE`, so a new type appears with its status by itself.
 */
export function errorResponses(types: readonly ErrorType[]): JsonObject {
  const byStatus = new Map<number, ErrorType[]>();
  for (const type of types) byStatus.set(ERROR_TABLE[type].status, [...(byStatus.get(ERROR_TABLE[type].status) ?? []), type]);
  const responses: JsonObject = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: JsonObject = {
      'X-LGSP-Error': { $ref: '#/components/headers/X-LGSP-Error' },
      'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
    };
    if (group.some((type) => WITH_RETRY_AFTER.has(type))) headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
    responses[String(status)] = {
      description: group.join(', '),
      headers,
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { type: { enum: group } } }] },
          examples: Object.fromEntries(
            group.map((type) => [
              type,
              { summary: MEANING[type], value: { type, message: MEANING[type], detail: '6f1c2a4e-9a57-4a0e-8d8c-3b1f0f4f6d21' } },
            ]),
          ),
        },
      },
    };
  }
  return responses;
}
