import type { z } from 'zod';
import type { ScenarioContext } from './scenario-context';
import type { Step } from './scenario-types';
import type { Problem } from './tagged-parse';
import type { PathKey } from './yaml-locator';

/** What a step says about itself when it ends (shown in progress and reports). */
export interface StepOutcome {
  detail?: string;
}

/**
 * A step kind: its options schema, a one-line description and what it does. Registered in
 * one dispatch table (`step-kinds.ts`); `nested` kinds hold a list of steps.
 */
export interface StepKind<S extends z.ZodType = z.ZodType> {
  kind: string;
  schema: S;
  nested?: boolean;
  /** Replaces plain schema validation (for options that dispatch again, as `assert` does). */
  parse?(value: unknown, path: PathKey[], problems: Problem[]): z.output<S> | undefined;
  describe(options: z.output<S>): string;
  /** `index` is the step's number ("4.2" inside step 4), for nested steps' numbers. */
  run(options: z.output<S>, ctx: ScenarioContext, step: Step, index: string): Promise<StepOutcome | void>;
}

/** Defines a step kind with typed options; the table stores it type-erased. */
export function defineStep<S extends z.ZodType>(kind: StepKind<S>): StepKind {
  return kind as unknown as StepKind;
}
