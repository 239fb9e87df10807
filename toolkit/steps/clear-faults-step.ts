import { z } from 'zod';
import { oneOrMany } from '../expectations';
import { defineStep } from '../step-kind';
import { setFaults } from './fault-step';

/** `clearFaults`: the named services back to normal, or every fault on both mocks. */
export const clearFaultsStep = defineStep({
  kind: 'clearFaults',
  schema: z.strictObject({ service: oneOrMany(z.string().min(1)).optional() }),
  describe: (o) => (o.service ? o.service.join(', ') : 'all services'),
  async run(o, ctx) {
    if (o.service) await setFaults(ctx, o.service, { mode: 'ok' });
    else await ctx.mocks.clearFaults();
  },
});
