import { z } from 'zod';
import { countSchema, Misses } from '../expectations';
import { defineAssertion, withinField } from './assertion-kind';

/** `ngspToken`: platform tokens the NGSP mock issued since the scenario started. */
export const ngspTokenAssertion = defineAssertion({
  kind: 'ngspToken',
  defaultWithinMs: 0,
  schema: z.strictObject({ issued: countSchema, ...withinField }),
  describe: () => 'platform tokens issued',
  async check(o, ctx) {
    const issued = (await ctx.mocks.tokenStats()).issued - ctx.tokensIssuedAtStart;
    const misses = new Misses();
    misses.count('tokens issued since the start', issued, o.issued);
    misses.throwIfAny();
    return `${issued} tokens issued`;
  },
});
