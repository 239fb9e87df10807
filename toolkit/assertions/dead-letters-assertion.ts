import { z } from 'zod';
import { countSchema, Misses } from '../expectations';
import { defineAssertion, withinField } from './assertion-kind';

/** `deadLetters`: how many of a tag's jobs (or of this scenario's) wait as dead letters of a connection. */
export const deadLettersAssertion = defineAssertion({
  kind: 'deadLetters',
  defaultWithinMs: 0,
  schema: z.strictObject({ service: z.string().min(1), tag: z.string().min(1).optional(), count: countSchema, ...withinField }),
  describe: (o) => `dead letters ${o.service}${o.tag ? ` [${o.tag}]` : ''}`,
  async check(o, ctx) {
    const mine = new Set(ctx.traffic.jobs(o.tag).map((j) => j.jobId));
    const list = await ctx.gateway.admin<{ total: number; items: Array<{ jobId: string }> }>(
      'GET',
      `/admin/api/services/${encodeURIComponent(o.service)}/dead-letters?limit=1000`,
    );
    const count = list.items.filter((i) => mine.has(i.jobId)).length;
    const misses = new Misses();
    misses.count('dead letters', count, o.count, `${list.total} on the connection in all`);
    misses.throwIfAny();
    return `${count} of this scenario's jobs are dead letters (${list.total} on the connection)`;
  },
});
