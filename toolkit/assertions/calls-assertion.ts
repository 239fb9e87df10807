import { z } from 'zod';
import { countSchema, Misses, oneOrMany, tally } from '../expectations';
import { defineAssertion, withinField } from './assertion-kind';

/** `calls`: what the gateway answered a tag's calls: statuses, error types, counts, jobs. */
export const callsAssertion = defineAssertion({
  kind: 'calls',
  defaultWithinMs: 0,
  schema: z.strictObject({
    tag: z.string().min(1).optional(),
    count: countSchema.optional(),
    /** Every call answered one of these statuses (0: no answer). */
    status: oneOrMany(z.number().int().min(0).max(599)).optional(),
    /** Every failed call's error `type` is one of these. */
    errorType: oneOrMany(z.string().min(1)).optional(),
    byStatus: z.record(z.string().regex(/^\d{1,3}$/), countSchema).optional(),
    byErrorType: z.record(z.string(), countSchema).optional(),
    /** Distinct job ids among the answers (duplicates with one key give one job). */
    distinctJobIds: countSchema.optional(),
    ...withinField,
  }),
  describe: (o) =>
    `calls${o.tag ? ` [${o.tag}]` : ''}${o.status ? ` status ∈ {${o.status.join(', ')}}` : ''}${o.errorType ? ` errors ∈ {${o.errorType.join(', ')}}` : ''}`,
  async check(o, ctx) {
    const calls = ctx.traffic.calls(o.tag);
    const statuses = tally(calls.map((c) => c.status));
    const errors = tally(calls.flatMap((c) => (c.errorType ? [c.errorType] : [])));
    const misses = new Misses();
    misses.count('calls', calls.length, o.count);
    if (o.status) {
      const off = calls.filter((c) => !o.status!.includes(c.status));
      if (off.length)
        misses.add(
          `status: expected every call in {${o.status.join(', ')}}, saw ${statuses}${off[0]?.errorType ? ` (e.g. ${off[0].errorType} from ${off[0].serviceId})` : ''}`,
        );
    }
    if (o.errorType) {
      const off = calls.filter((c) => c.errorType && !o.errorType!.includes(c.errorType));
      if (off.length) misses.add(`error types: expected only {${o.errorType.join(', ')}}, saw ${errors}`);
    }
    for (const [status, expected] of Object.entries(o.byStatus ?? {}))
      misses.count(`status ${status}`, calls.filter((c) => String(c.status) === status).length, expected, statuses);
    for (const [type, expected] of Object.entries(o.byErrorType ?? {}))
      misses.count(type, calls.filter((c) => c.errorType === type).length, expected, errors);
    misses.count('distinct job ids', new Set(calls.flatMap((c) => (c.jobId ? [c.jobId] : []))).size, o.distinctJobIds);
    misses.throwIfAny();
    return `${calls.length} calls: ${statuses}${errors !== 'none' ? `; errors ${errors}` : ''}`;
  },
});
