/** One step of a scenario as loaded from YAML: its kind, validated options and where it was written. */
export interface Step {
  kind: string;
  options: unknown;
  /** 1-based line of the step in its file. */
  line: number;
  /** Nested steps (`parallel`, `sequence`). */
  children?: Step[];
}

export interface Scenario {
  name: string;
  /** What the scenario proves, in one or two sentences (shown in reports). */
  proves: string;
  timeoutMs: number;
  steps: Step[];
  file: string;
  line: number;
}

export interface ScenarioFile {
  file: string;
  scenarios: Scenario[];
}

/** A check that did not hold: a failure of the scenario, not an error of the runner. */
export class AssertionFailed extends Error {
  override readonly name = 'AssertionFailed';
}

export type Verdict = 'passed' | 'failed' | 'error';

export interface StepReport {
  /** "3" or "4.2" for a step nested in step 4. */
  index: string;
  kind: string;
  line: number;
  description: string;
  result: Verdict;
  durationMs: number;
  detail?: string;
  message?: string;
}

export interface ScenarioReport {
  name: string;
  file: string;
  proves: string;
  result: Verdict;
  durationMs: number;
  startedAt: string;
  /** Names the failing step: index, kind, line, what was expected and what was seen. */
  message?: string;
  steps: StepReport[];
}

export interface RunReport {
  runId: string;
  startedAt: string;
  durationMs: number;
  target: { gatewayUrl: string; ngspUrl: string; provinceUrl: string };
  passed: number;
  failed: number;
  scenarios: ScenarioReport[];
}
