import { randomBytes } from 'node:crypto';
import { DEV_CREDENTIALS, GatewayClient } from './gateway-client';
import { MockClient } from './mock-client';
import { ScenarioAborted } from './poll';
import { ScenarioContext } from './scenario-context';
import {
  AssertionFailed,
  type RunReport,
  type Scenario,
  type ScenarioFile,
  type ScenarioReport,
  type Step,
  type StepReport,
  type Verdict,
} from './scenario-types';
import { STEP_KINDS } from './step-kinds';

export interface RunTarget {
  gatewayUrl: string;
  ngspUrl: string;
  provinceUrl: string;
  /** Secrets by caller id; the development ones by default. */
  credentials?: Readonly<Record<string, string>>;
}

export type RunEvent =
  | { type: 'scenario-start'; scenario: Scenario }
  | { type: 'step-end'; scenario: Scenario; step: StepReport }
  | { type: 'scenario-end'; report: ScenarioReport };

export interface RunOptions {
  target: RunTarget;
  onEvent?: (event: RunEvent) => void;
  /** Stops the run between steps (e.g. on Ctrl+C); the current scenario still cleans up. */
  signal?: AbortSignal;
  /** Marks this run's request ids and idempotency keys; random by default. */
  runId?: string;
}

/** A step that failed, already reported under its own number; parents pass it up unchanged. */
class StepFailed extends Error {
  constructor(
    message: string,
    readonly verdict: Verdict,
  ) {
    super(message);
  }
}

/**
 * Runs scenarios one after another against a running stack. Each starts from clean mocks
 * (faults and journal cleared) and ends by clearing faults, passed or not; each has a deadline.
 */
export async function runScenarios(files: readonly ScenarioFile[], opts: RunOptions): Promise<RunReport> {
  const runId = opts.runId ?? `sc${randomBytes(4).toString('hex')}`;
  const gateway = new GatewayClient(opts.target.gatewayUrl, opts.target.credentials ?? DEV_CREDENTIALS);
  const mocks = new MockClient(opts.target.ngspUrl, opts.target.provinceUrl);
  const started = Date.now();
  const reports: ScenarioReport[] = [];
  for (const [ordinal, scenario] of files.flatMap((f) => f.scenarios).entries()) {
    if (opts.signal?.aborted) break;
    opts.onEvent?.({ type: 'scenario-start', scenario });
    // Each scenario run gets its own key, so a scenario played twice in one run reuses no request id or idempotency key.
    const report = await runScenario(scenario, { ...opts, runId: `${runId}-${ordinal + 1}`, gateway, mocks });
    reports.push(report);
    opts.onEvent?.({ type: 'scenario-end', report });
  }
  const { gatewayUrl, ngspUrl, provinceUrl } = opts.target;
  return {
    runId,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    target: { gatewayUrl, ngspUrl, provinceUrl },
    passed: reports.filter((r) => r.result === 'passed').length,
    failed: reports.filter((r) => r.result !== 'passed').length,
    scenarios: reports,
  };
}

async function runScenario(
  scenario: Scenario,
  deps: RunOptions & { runId: string; gateway: GatewayClient; mocks: MockClient },
): Promise<ScenarioReport> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(`the scenario's timeout of ${scenario.timeoutMs} ms passed`), scenario.timeoutMs);
  const stop = (): void => deadline.abort('the run was stopped');
  deps.signal?.addEventListener('abort', stop, { once: true });
  const steps: StepReport[] = [];
  const emit = (e: RunEvent): void => deps.onEvent?.(e);
  const context: ScenarioContext = new ScenarioContext(
    deps.runId,
    scenario,
    deps.gateway,
    deps.mocks,
    deadline.signal,
    (list, parent, first) => runSteps(list, parent, first),
  );
  const runSteps = async (list: Step[], parent: string, first = 1): Promise<void> => {
    for (const [k, step] of list.entries())
      await runStep(step, parent ? `${parent}.${first + k}` : String(first + k), context, steps, emit);
  };
  let result: Verdict = 'passed';
  let message: string | undefined;
  try {
    await Promise.all([deps.mocks.clearFaults(), deps.mocks.clearJournal()]);
    context.tokensIssuedAtStart = (await deps.mocks.tokenStats()).issued;
    context.defer(() => deps.mocks.clearFaults());
    const aborted = new Promise<never>((_r, reject) =>
      deadline.signal.addEventListener('abort', () => reject(new ScenarioAborted(String(deadline.signal.reason))), { once: true }),
    );
    aborted.catch(() => undefined);
    await Promise.race([runSteps(scenario.steps, ''), aborted]);
  } catch (err) {
    result = err instanceof StepFailed ? err.verdict : err instanceof ScenarioAborted ? 'failed' : 'error';
    message =
      err instanceof StepFailed
        ? err.message
        : `${err instanceof ScenarioAborted ? '' : 'before the first step: '}${(err as Error).message}`;
    if (deadline.signal.aborted && !(err instanceof StepFailed))
      message = `${runningStep(steps, scenario.file)}: ${deadline.signal.reason}`;
  } finally {
    clearTimeout(timer);
    deps.signal?.removeEventListener('abort', stop);
  }
  for (const s of steps)
    if (s.durationMs < 0) Object.assign(s, { result: 'failed', message: 'interrupted', durationMs: Date.now() - context.startedAt });
  const cleanupProblems = await context.close();
  if (cleanupProblems.length && result === 'passed') {
    result = 'error';
    message = `clean-up failed: ${cleanupProblems.join('; ')}`;
  }
  return {
    name: scenario.name,
    file: scenario.file,
    proves: scenario.proves,
    result,
    durationMs: Date.now() - context.startedAt,
    startedAt: new Date(context.startedAt).toISOString(),
    ...(message ? { message } : {}),
    steps,
  };
}

/** `step 4.2 (call vneid ×3, file.yaml:30)`: how every failure names its step. */
function stepLabel(r: StepReport, file: string): string {
  return `step ${r.index} (${r.kind} ${r.description}, ${file}:${r.line})`;
}

/** The innermost step still running when the deadline passed. */
function runningStep(steps: readonly StepReport[], file: string): string {
  const step = steps.filter((s) => s.durationMs < 0).at(-1) ?? steps.at(-1);
  return step ? stepLabel(step, file) : 'the set-up';
}

async function runStep(step: Step, index: string, ctx: ScenarioContext, reports: StepReport[], emit: (e: RunEvent) => void): Promise<void> {
  const kind = STEP_KINDS.get(step.kind)!;
  const report: StepReport = {
    index,
    kind: step.kind,
    line: step.line,
    description: kind.describe(step.options),
    result: 'passed',
    durationMs: -1,
  };
  reports.push(report);
  const started = performance.now();
  try {
    if (ctx.signal.aborted) throw new ScenarioAborted(String(ctx.signal.reason));
    const outcome = await kind.run(step.options, ctx, step, index);
    if (outcome?.detail) report.detail = outcome.detail;
  } catch (err) {
    report.result =
      err instanceof StepFailed ? err.verdict : err instanceof AssertionFailed || err instanceof ScenarioAborted ? 'failed' : 'error';
    report.message = err instanceof StepFailed ? 'a nested step failed' : (err as Error).message;
    const failure =
      err instanceof StepFailed ? err : new StepFailed(`${stepLabel(report, ctx.scenario.file)}: ${report.message}`, report.result);
    throw failure;
  } finally {
    report.durationMs = Math.round(performance.now() - started);
    emit({ type: 'step-end', scenario: ctx.scenario, step: report });
  }
}
