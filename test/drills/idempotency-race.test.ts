import { runIdempotencyRaceDrill, type IdempotencyRaceReport } from '../../drills/idempotency-race';

/** The short version of `npm run drills`' idempotency drill: 50 concurrent submissions of one request under one key. */
let reports: IdempotencyRaceReport[];

beforeAll(async () => {
  reports = await runIdempotencyRaceDrill({ concurrent: 50, rounds: 2 });
}, 90_000);

test('50 concurrent submissions with one key: every caller is told the one job, and the provider sees one effect', () => {
  for (const r of reports) {
    expect(r.answers).toEqual({ '202': 50 });
    expect(r.distinctJobIds).toBe(1);
    expect(r.delivered).toBe(1);
    expect(r.effects).toBe(1);
  }
});

test('the same key with another body is refused 422 Client.IdempotencyKeyMismatch', () => {
  for (const r of reports) expect(r.otherBody).toEqual({ status: 422, type: 'Client.IdempotencyKeyMismatch' });
});
