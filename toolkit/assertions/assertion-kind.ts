import { z } from 'zod';
import type { ScenarioContext } from '../scenario-context';

/** How long an assertion may keep trying before it fails (records land asynchronously). */
export const withinField = { withinMs: z.number().int().min(0).max(60_000).optional() };

/**
 * A kind of check for the `assert` step: its options, a description, and the check, which
 * throws AssertionFailed with what was expected and what was seen, or returns a detail line.
 */
export interface AssertionKind<S extends z.ZodType = z.ZodType> {
  kind: string;
  schema: S;
  /** Default `withinMs` when a scenario gives none. */
  defaultWithinMs: number;
  describe(options: z.output<S>): string;
  check(options: z.output<S>, ctx: ScenarioContext): Promise<string | void>;
}

export function defineAssertion<S extends z.ZodType>(kind: AssertionKind<S>): AssertionKind {
  return kind as unknown as AssertionKind;
}
