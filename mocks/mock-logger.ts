import pino, { type Logger } from 'pino';

export const DEFAULT_LOG_LEVEL = 'warn';

export function createMockLogger(name: string, level: string = DEFAULT_LOG_LEVEL): Logger {
  return pino({ name, level });
}
