import type { StepKind } from './step-kind';
import { assertStep } from './steps/assert-step';
import { callStep } from './steps/call-step';
import { clearFaultsStep } from './steps/clear-faults-step';
import { faultStep } from './steps/fault-step';
import { ngspTokenStep } from './steps/ngsp-token-step';
import { parallelStep } from './steps/parallel-step';
import { replayDeadLettersStep } from './steps/replay-dead-letters-step';
import { sequenceStep } from './steps/sequence-step';
import { waitStep } from './steps/wait-step';

/** Every step a scenario can take, by the key that names it in YAML: one module each. */
export const STEP_KINDS: ReadonlyMap<string, StepKind> = new Map(
  [faultStep, clearFaultsStep, callStep, waitStep, assertStep, ngspTokenStep, replayDeadLettersStep, parallelStep, sequenceStep].map(
    (k) => [k.kind, k],
  ),
);
