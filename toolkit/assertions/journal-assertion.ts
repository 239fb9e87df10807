import { z } from 'zod';
import { countHolds, countSchema, describeCount, Misses, tally } from '../expectations';
import { defineAssertion, withinField } from './assertion-kind';

/**
 * `journal`: what the provider really received from this scenario's calls (or a tag's), by
 * request id and idempotency key: how many requests, how many distinct keys, how many per key.
 */
export const journalAssertion = defineAssertion({
  kind: 'journal',
  defaultWithinMs: 2000,
  schema: z.strictObject({
    service: z.string().min(1),
    tag: z.string().min(1).optional(),
    total: countSchema.optional(),
    distinctKeys: countSchema.optional(),
    /** Requests per idempotency key, for every key (1: each done exactly once). */
    perKey: countSchema.optional(),
    /** Repeats the provider answered from its idempotency store since the scenario started (whole service). */
    duplicates: countSchema.optional(),
    ...withinField,
  }),
  describe: (o) => `journal ${o.service}${o.tag ? ` [${o.tag}]` : ''}`,
  async check(o, ctx) {
    const svc = await ctx.service(o.service);
    const journal = await ctx.mocks.journal(svc.direction, o.service);
    const { requestIds, keys } = ctx.traffic.identities(o.tag);
    const items = journal.items.filter(
      (i) => (i.requestId !== null && requestIds.has(i.requestId)) || (i.idempotencyKey !== null && keys.has(i.idempotencyKey)),
    );
    const perKey = new Map<string, number>();
    for (const i of items) if (i.idempotencyKey) perKey.set(i.idempotencyKey, (perKey.get(i.idempotencyKey) ?? 0) + 1);
    const misses = new Misses();
    misses.count('requests received', items.length, o.total);
    misses.count('distinct idempotency keys', perKey.size, o.distinctKeys);
    if (o.perKey !== undefined) {
      const counts = [...perKey.values()];
      const expected = o.perKey;
      if (counts.length === 0 || counts.some((n) => !countHolds(n, expected)))
        misses.add(
          `requests per key: expected ${describeCount(expected)} for every key, saw ${counts.length ? tally(counts.map((n) => `${n}/key`)) : 'no keys'}`,
        );
    }
    misses.count('duplicates answered from the idempotency store', journal.duplicates, o.duplicates);
    misses.throwIfAny();
    return `${items.length} received, ${perKey.size} distinct keys, ${journal.duplicates} duplicates`;
  },
});
