import pino, { type Logger } from 'pino';

export const DEFAULT_LOG_LEVEL = 'warn';

/** pino's err serializer (message, stack, causes) without the raw body body-parser's errors carry. */
function serializeError(err: Error): object {
  const { body: _body, ...kept } = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  return kept;
}

export function createMockLogger(name: string, level: string = DEFAULT_LOG_LEVEL): Logger {
  return pino({ name, level, serializers: { err: serializeError } });
}
