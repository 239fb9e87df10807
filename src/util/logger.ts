import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from './log-error';

/**
 * JSON logs; authorization headers and secrets never printed; `err` keeps message, stack and
 * causes (serializeError). Silent under Jest unless LOG_LEVEL says otherwise.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env, name = 'lgsp-gateway', destination?: DestinationStream): Logger {
  const level = env['LOG_LEVEL'] ?? (env['JEST_WORKER_ID'] ? 'silent' : 'info');
  const options = {
    name,
    level,
    redact: { paths: ['req.headers.authorization', '*.secret', '*.password', '*.token'], censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
