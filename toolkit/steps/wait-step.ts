import { z } from 'zod';
import { BREAKER_STATES, readBreaker } from '../breaker-view';
import { tally } from '../expectations';
import { pollJobs } from '../job-poller';
import { pollUntil, sleep } from '../poll';
import { AssertionFailed } from '../scenario-types';
import { defineStep } from '../step-kind';

export const MAX_WAIT_MS = 300_000;

const schema = z
  .strictObject({
    /** Waits this long. */
    ms: z.number().int().min(1).max(MAX_WAIT_MS).optional(),
    /** Waits until every job of this tag is completed or failed. */
    jobs: z.string().min(1).optional(),
    /** Waits until the connection's breaker is in this state (as the operators' API shows it). */
    breaker: z.strictObject({ service: z.string().min(1), state: z.enum(BREAKER_STATES) }).optional(),
    timeoutMs: z.number().int().min(1).max(MAX_WAIT_MS).default(60_000),
  })
  .refine((o) => [o.ms, o.jobs, o.breaker].filter((x) => x !== undefined).length === 1, {
    message: 'wait for exactly one of: ms, jobs, breaker',
  });

/** `wait`: for a time, for a tag's jobs to settle, or for a breaker state; every wait is bounded. */
export const waitStep = defineStep({
  kind: 'wait',
  schema,
  describe: (o) =>
    o.ms !== undefined
      ? `${o.ms} ms`
      : o.jobs !== undefined
        ? `jobs [${o.jobs}] settled, ≤ ${o.timeoutMs} ms`
        : `breaker ${o.breaker?.service} ${o.breaker?.state}, ≤ ${o.timeoutMs} ms`,
  async run(o, ctx) {
    if (o.ms !== undefined) return void (await sleep(o.ms, ctx.signal));
    const started = Date.now();
    if (o.jobs !== undefined) {
      const { settled, views } = await pollJobs(ctx, o.jobs, o.timeoutMs);
      const states = tally(views.map((v) => v.status));
      if (!settled) throw new AssertionFailed(`jobs [${o.jobs}] did not settle within ${o.timeoutMs} ms: ${states}`);
      return { detail: `${views.length} jobs settled in ${Date.now() - started} ms: ${states}` };
    }
    const { service, state } = o.breaker!;
    let seen = '';
    const held = await pollUntil(
      async () => {
        const b = await readBreaker(ctx, service);
        seen = b.state;
        return b.state === state;
      },
      { timeoutMs: o.timeoutMs, intervalMs: 200, signal: ctx.signal },
    );
    if (!held) throw new AssertionFailed(`breaker of ${service} not ${state} within ${o.timeoutMs} ms (still ${seen})`);
    return { detail: `${state} after ${Date.now() - started} ms` };
  },
});
