import { z } from 'zod';
import { BREAKER_STATES, readBreaker } from '../breaker-view';
import { countSchema, Misses } from '../expectations';
import { defineAssertion, withinField } from './assertion-kind';

/** True when `wanted` appears in `seen` in order (other transitions may come between). */
function inOrder(seen: readonly string[], wanted: readonly string[]): boolean {
  let i = 0;
  for (const s of seen) if (s === wanted[i]) i++;
  return i === wanted.length;
}

/** `breaker`: a connection's breaker state and its transitions since the scenario started. */
export const breakerAssertion = defineAssertion({
  kind: 'breaker',
  defaultWithinMs: 0,
  schema: z.strictObject({
    service: z.string().min(1),
    state: z.enum(BREAKER_STATES).optional(),
    /** These transitions happened, in this order. */
    includes: z.array(z.enum(BREAKER_STATES)).min(1).optional(),
    /** How many transitions happened (0: the breaker never moved). */
    transitions: countSchema.optional(),
    ...withinField,
  }),
  describe: (o) => `breaker ${o.service}${o.state ? ` ${o.state}` : ''}${o.includes ? ` went ${o.includes.join(' → ')}` : ''}`,
  async check(o, ctx) {
    const b = await readBreaker(ctx, o.service);
    const seen = b.transitions.join(' → ') || 'no transitions';
    const misses = new Misses();
    if (o.state && b.state !== o.state) misses.add(`state: expected ${o.state}, saw ${b.state}`);
    if (o.includes && !inOrder(b.transitions, o.includes))
      misses.add(`transitions: expected ${o.includes.join(' → ')} in order, saw ${seen}`);
    misses.count('transitions', b.transitions.length, o.transitions, seen);
    misses.throwIfAny();
    return `${b.state}; since start: ${seen}`;
  },
});
