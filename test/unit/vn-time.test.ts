import { dvcqgTimeToIso, isoToDvcqgTime, isoToYmd, ymdToIso } from '../../src/connector-kit/vn-time';

test('ISO 8601 instants become Vietnamese wall-clock yyyyMMddHHmmss', () => {
  expect(isoToDvcqgTime('2024-03-15T08:30:00+07:00')).toBe('20240315083000');
  expect(isoToDvcqgTime('2024-03-15T01:30:00Z')).toBe('20240315083000');
  expect(isoToDvcqgTime('2024-03-14T20:00:00Z')).toBe('20240315030000');
  expect(isoToDvcqgTime('2024-03-15')).toBe('20240315000000');
});

test('yyyyMMddHHmmss comes back as ISO 8601 at +07:00, and round-trips', () => {
  expect(dvcqgTimeToIso('20240315083000')).toBe('2024-03-15T08:30:00+07:00');
  expect(isoToDvcqgTime(dvcqgTimeToIso('20241231235959')!)).toBe('20241231235959');
  expect(dvcqgTimeToIso('')).toBeNull();
  expect(() => dvcqgTimeToIso('2024-03-15')).toThrow(RangeError);
});

test('calendar days convert both ways', () => {
  expect(isoToYmd('1990-05-12')).toBe('19900512');
  expect(ymdToIso('19900512')).toBe('1990-05-12');
});
