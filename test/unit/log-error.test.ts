import { GatewayError } from '../../src/errors/gateway-error';
import { createLogger } from '../../src/util/logger';
import { briefly, serializeError } from '../../src/util/log-error';

describe('the err serializer of gateway loggers', () => {
  test('keeps the message, the stack and the causes', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const err = new GatewayError('Server.Gateway.QueueUnavailable', 'The queue cannot take the request now', {
      cause,
      retryAfterSeconds: 5,
    });
    expect(serializeError(err)).toEqual({
      type: 'GatewayError',
      errorType: 'Server.Gateway.QueueUnavailable',
      message: 'The queue cannot take the request now: connect ECONNREFUSED 127.0.0.1:6379',
      stack: expect.stringMatching(/^GatewayError: The queue cannot take the request now\n[\s\S]*caused by: Error: connect ECONNREFUSED/),
      status: 503,
      retryable: true,
      retryAfterSeconds: 5,
    });
  });

  test('drops what errors carry besides: a raw body, a request config, a Redis command', () => {
    const bodyParser = Object.assign(new Error('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
      body: '{"soDinhDanh":"024090001234"',
    });
    const axiosLike = Object.assign(new Error('Request failed'), {
      config: { headers: { Authorization: 'Bearer abc' } },
      code: 'ERR_BAD_RESPONSE',
    });
    const redisLike = Object.assign(new Error('OOM command not allowed'), { command: { name: 'hset', args: ['k', 'sealed-input'] } });
    expect(serializeError(bodyParser)).not.toHaveProperty('body');
    expect(serializeError(bodyParser)).toMatchObject({ errorType: 'entity.parse.failed', status: 400 });
    expect(serializeError(axiosLike)).not.toHaveProperty('config');
    expect(serializeError(axiosLike)).toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    expect(serializeError(redisLike)).not.toHaveProperty('command');
  });

  test('a line logged with { err } carries the stack', () => {
    const lines: string[] = [];
    const logger = createLogger({ LOG_LEVEL: 'warn' }, 'test', { write: (line: string) => void lines.push(line) });
    logger.warn({ err: Object.assign(new Error('boom'), { body: 'secret body' }) }, 'it failed');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('log-error.test.ts') });
    expect(lines[0]).not.toContain('secret body');
  });

  test('a value that is not an error is logged as it is', () => {
    expect(serializeError('a string')).toBe('a string');
  });
});

test('an expected, passing condition is logged briefly: its reason and code, no stack', () => {
  const err = Object.assign(new Error("Stream isn't writeable and enableOfflineQueue options is false"), { code: 'ECONNREFUSED' });
  expect(briefly(err)).toEqual({ reason: "Stream isn't writeable and enableOfflineQueue options is false", code: 'ECONNREFUSED' });
  expect(JSON.stringify(briefly(err))).not.toContain('stack');
  expect(briefly('plain text')).toEqual({ reason: 'plain text' });
});
