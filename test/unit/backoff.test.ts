import { backoffDelay } from '../../src/queue/delivery-workers';

const retry = { backoffMs: 1000, maxBackoffMs: 60_000 };

test('backoff doubles per attempt, with jitter between half and the whole step', () => {
  expect(backoffDelay(1, retry, undefined, () => 0)).toBe(500);
  expect(backoffDelay(1, retry, undefined, () => 1)).toBe(1000);
  expect(backoffDelay(3, retry, undefined, () => 1)).toBe(4000);
  expect(backoffDelay(3, retry, undefined, () => 0.5)).toBe(3000);
});

test('backoff is capped', () => {
  expect(backoffDelay(30, retry, undefined, () => 1)).toBe(60_000);
});

test("a provider's Retry-After is honoured when it asks for longer", () => {
  expect(backoffDelay(1, retry, 120, () => 1)).toBe(120_000);
  expect(backoffDelay(5, retry, 1, () => 1)).toBe(16_000);
});
