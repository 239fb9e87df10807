import pino from 'pino';
import type { ConnectionConfig } from '../../src/config/schema';
import { GatewayError } from '../../src/errors/gateway-error';
import { CircuitBreakers } from '../../src/runtime/circuit-breakers';

const connection = (consecutiveFailures: number): ConnectionConfig =>
  ({
    id: 'dat-dai',
    breaker: {
      volumeThreshold: 1000,
      errorThresholdPercentage: 50,
      resetTimeoutMs: 60_000,
      rollingCountTimeoutMs: 10_000,
      consecutiveFailures,
    },
  }) as ConnectionConfig;

const down = () => Promise.reject(new GatewayError('Server.Provider.Unreachable', 'refused'));
const rejected = () => Promise.reject(new GatewayError('Server.Provider.Error', 'content rejected'));
const ok = () => Promise.resolve('ok');

let breakers: CircuitBreakers;
afterEach(() => breakers.shutdown());

test('failures in a row open the breaker even when the window has not reached its volume', async () => {
  breakers = new CircuitBreakers([connection(3)], pino({ level: 'silent' }));
  for (let i = 0; i < 3; i++) await expect(breakers.run('dat-dai', down)).rejects.toMatchObject({ type: 'Server.Provider.Unreachable' });
  expect(breakers.state('dat-dai')).toBe('open');
  await expect(breakers.run('dat-dai', ok)).rejects.toMatchObject({ type: 'Server.Gateway.CircuitOpen', retryAfterSeconds: 60 });
});

test('a success or a content rejection (the provider answered) starts the count again', async () => {
  breakers = new CircuitBreakers([connection(3)], pino({ level: 'silent' }));
  await breakers.run('dat-dai', down).catch(() => undefined);
  await breakers.run('dat-dai', down).catch(() => undefined);
  await breakers.run('dat-dai', ok);
  await breakers.run('dat-dai', down).catch(() => undefined);
  for (let i = 0; i < 5; i++) await breakers.run('dat-dai', rejected).catch(() => undefined);
  await breakers.run('dat-dai', down).catch(() => undefined);
  expect(breakers.state('dat-dai')).toBe('closed');
});
