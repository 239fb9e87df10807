import type { ConnectionConfig } from '../../src/config/schema';
import { ConnectionBulkheads } from '../../src/runtime/connection-bulkheads';

const connection = (id: string, maxConcurrentSync: number): ConnectionConfig =>
  ({ id, bulkhead: { maxSockets: maxConcurrentSync + 4, maxConcurrentSync } }) as ConnectionConfig;

test('past its cap a connection refuses with a typed 503 and Retry-After, while another connection still admits', () => {
  const bulkheads = new ConnectionBulkheads([connection('csdl-dan-cu', 2), connection('dat-dai', 2)]);
  bulkheads.enter('csdl-dan-cu');
  bulkheads.enter('csdl-dan-cu');
  expect(() => bulkheads.enter('csdl-dan-cu')).toThrow(
    expect.objectContaining({ type: 'Server.Gateway.ConnectionBusy', status: 503, retryAfterSeconds: 1 }),
  );
  expect(() => bulkheads.enter('dat-dai')).not.toThrow();
  expect(bulkheads.inFlight('csdl-dan-cu')).toBe(2);
  expect(bulkheads.inFlight('dat-dai')).toBe(1);
});

test('a slot given back frees exactly one place, however often its release is called', () => {
  const bulkheads = new ConnectionBulkheads([connection('dat-dai', 2)]);
  const leave = bulkheads.enter('dat-dai');
  bulkheads.enter('dat-dai');
  leave();
  leave();
  expect(bulkheads.inFlight('dat-dai')).toBe(1);
  bulkheads.enter('dat-dai');
  expect(() => bulkheads.enter('dat-dai')).toThrow(expect.objectContaining({ type: 'Server.Gateway.ConnectionBusy' }));
});
