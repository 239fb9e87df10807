import pino, { type Logger } from 'pino';

/** JSON logs; authorization headers and secrets never printed. Silent under Jest unless LOG_LEVEL says otherwise. */
export function createLogger(env: NodeJS.ProcessEnv = process.env, name = 'lgsp-gateway'): Logger {
  const level = env['LOG_LEVEL'] ?? (env['JEST_WORKER_ID'] ? 'silent' : 'info');
  return pino({
    name,
    level,
    redact: { paths: ['req.headers.authorization', '*.secret', '*.password', '*.token'], censor: '[redacted]' },
  });
}
