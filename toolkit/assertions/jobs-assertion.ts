import { z } from 'zod';
import { countSchema, Misses, oneOrMany, tally } from '../expectations';
import { pollJobs } from '../job-poller';
import { defineAssertion, withinField } from './assertion-kind';

/** `jobs`: how a tag's async jobs ended: completed/failed counts, attempts, error types. */
export const jobsAssertion = defineAssertion({
  kind: 'jobs',
  defaultWithinMs: 0,
  schema: z.strictObject({
    tag: z.string().min(1),
    /** Every job is in this state. */
    status: z.enum(['completed', 'failed', 'queued', 'active', 'retrying']).optional(),
    completed: countSchema.optional(),
    failed: countSchema.optional(),
    /** Every job's attempts. */
    attempts: countSchema.optional(),
    /** The most attempts any job needed. */
    maxAttempts: countSchema.optional(),
    /** Every failed job's error type is one of these. */
    errorType: oneOrMany(z.string().min(1)).optional(),
    ...withinField,
  }),
  describe: (o) => `jobs [${o.tag}]${o.status ? ` all ${o.status}` : ''}`,
  async check(o, ctx) {
    const { views } = await pollJobs(ctx, o.tag, 0);
    const states = tally(views.map((v) => v.status));
    const attempts = views.map((v) => v.attempts);
    const misses = new Misses();
    if (views.length === 0) misses.add(`no jobs: the calls tagged '${o.tag}' were not accepted as jobs`);
    if (o.status && views.some((v) => v.status !== o.status)) misses.add(`status: expected every job ${o.status}, saw ${states}`);
    misses.count('completed', views.filter((v) => v.status === 'completed').length, o.completed, states);
    misses.count('failed', views.filter((v) => v.status === 'failed').length, o.failed, states);
    for (const v of views) misses.count(`attempts of ${v.jobId}`, v.attempts, o.attempts);
    misses.count('most attempts of a job', Math.max(0, ...attempts), o.maxAttempts, `attempts ${tally(attempts)}`);
    const errorTypes = views.filter((v) => v.status === 'failed').map((v) => v.error?.type ?? 'none');
    if (o.errorType && errorTypes.some((t) => !o.errorType!.includes(t)))
      misses.add(`error types: expected {${o.errorType.join(', ')}}, saw ${tally(errorTypes)}`);
    misses.throwIfAny();
    return `${views.length} jobs: ${states}; attempts ${tally(attempts)}`;
  },
});
