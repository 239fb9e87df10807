import { z } from 'zod';
import { AssertionFailed } from '../scenario-types';
import { defineStep } from '../step-kind';

/** `parallel`: runs its steps at the same time and ends when all have; fails if any failed. */
export const parallelStep = defineStep({
  kind: 'parallel',
  nested: true,
  schema: z.array(z.unknown()).min(1).max(20),
  describe: (o) => `${o.length} steps at once`,
  async run(_o, ctx, step, index) {
    const children = step.children ?? [];
    const results = await Promise.allSettled(children.map((child, i) => ctx.runSteps([child], index, i + 1)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw failed[0]!.reason instanceof Error ? failed[0]!.reason : new AssertionFailed(String(failed[0]!.reason));
  },
});
