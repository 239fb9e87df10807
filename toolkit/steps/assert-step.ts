import { z } from 'zod';
import type { AssertionKind } from '../assertions/assertion-kind';
import { ASSERTION_KINDS } from '../assertions/assertion-kinds';
import { pollUntil } from '../poll';
import { AssertionFailed } from '../scenario-types';
import { defineStep } from '../step-kind';
import { parseWith, readTagged } from '../tagged-parse';

interface AssertOptions {
  kind: string;
  options: { withinMs?: number };
}

const kindOf = (o: AssertOptions): AssertionKind => ASSERTION_KINDS.get(o.kind)!;

/**
 * `assert: { <kind>: {…} }`: one check (dispatched to its module). Checks on records that land
 * asynchronously (journal, connection log) are retried up to `withinMs` before they fail.
 */
export const assertStep = defineStep({
  kind: 'assert',
  schema: z.custom<AssertOptions>(),
  parse(value, path, problems) {
    const tagged = readTagged(value, ASSERTION_KINDS, path, 'assertion', problems);
    if (!tagged) return undefined;
    const options = parseWith(tagged.entry.schema, tagged.value ?? {}, [...path, tagged.kind], problems);
    return options === undefined ? undefined : { kind: tagged.kind, options: options as AssertOptions['options'] };
  },
  describe: (o) => kindOf(o).describe(o.options),
  async run(o, ctx) {
    const assertion = kindOf(o);
    let detail: string | undefined;
    let last: unknown;
    const held = await pollUntil(
      async () => {
        try {
          detail = (await assertion.check(o.options, ctx)) ?? undefined;
          return true;
        } catch (err) {
          if (!(err instanceof AssertionFailed)) throw err;
          last = err;
          return false;
        }
      },
      { timeoutMs: o.options.withinMs ?? assertion.defaultWithinMs, intervalMs: 250, signal: ctx.signal },
    );
    if (!held) throw last;
    return detail ? { detail } : {};
  },
});
