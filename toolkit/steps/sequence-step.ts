import { z } from 'zod';
import { defineStep } from '../step-kind';

/** `sequence`: runs its steps one after another (a branch of `parallel`). */
export const sequenceStep = defineStep({
  kind: 'sequence',
  nested: true,
  schema: z.array(z.unknown()).min(1).max(50),
  describe: (o) => `${o.length} steps in order`,
  async run(_o, ctx, step, index) {
    await ctx.runSteps(step.children ?? [], index);
  },
});
