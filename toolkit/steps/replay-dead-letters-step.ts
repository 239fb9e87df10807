import { z } from 'zod';
import { countSchema, Misses } from '../expectations';
import { defineStep } from '../step-kind';

/**
 * `replayDeadLetters`: an operator replays a connection's dead letters through the admin API:
 * those of a tag's jobs, or all of the connection's. `replayed` checks how many were.
 */
export const replayDeadLettersStep = defineStep({
  kind: 'replayDeadLetters',
  schema: z.strictObject({ service: z.string().min(1), tag: z.string().min(1).optional(), replayed: countSchema.optional() }),
  describe: (o) => `${o.service}${o.tag ? ` jobs [${o.tag}]` : ' (all)'}`,
  async run(o, ctx) {
    const jobIds = o.tag ? ctx.traffic.jobs(o.tag).map((j) => j.jobId) : undefined;
    const answer = await ctx.gateway.admin<{ replayed: string[]; notFound: string[] }>(
      'POST',
      `/admin/api/services/${encodeURIComponent(o.service)}/dead-letters/replay`,
      jobIds ? { jobIds } : { all: true },
    );
    const misses = new Misses();
    misses.count('replayed', answer.replayed.length, o.replayed, `not found: ${answer.notFound.length}`);
    misses.throwIfAny();
    return { detail: `replayed ${answer.replayed.length}, not found ${answer.notFound.length}` };
  },
});
