import { AssertionFailed, type Scenario, type Step } from './scenario-types';
import { OPERATOR, type DirectoryService, type GatewayClient } from './gateway-client';
import type { MockClient } from './mock-client';
import { TrafficLog } from './traffic-log';

/**
 * Runs nested steps, numbered `<parentIndex>.<firstNumber + k>` (given by the runner, so
 * `parallel` and `sequence` report like top-level steps).
 */
export type StepsRunner = (steps: Step[], parentIndex: string, firstNumber?: number) => Promise<void>;

/**
 * What a step sees while its scenario runs: the clients, this run's traffic, the scenario's
 * deadline (`signal`) and clean-up that runs when the scenario ends, passed or not.
 */
export class ScenarioContext {
  readonly traffic = new TrafficLog();
  readonly startedAt = Date.now();
  /** Platform tokens the NGSP mock had issued when the scenario started. */
  tokensIssuedAtStart = 0;
  private seq = 0;
  private readonly cleanups: Array<() => Promise<void>> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    /** Unique to this run of this scenario: `{run}` in templates, and the start of every request id. */
    readonly runId: string,
    readonly scenario: Scenario,
    readonly gateway: GatewayClient,
    readonly mocks: MockClient,
    readonly signal: AbortSignal,
    readonly runSteps: StepsRunner,
  ) {}

  /** `<run>-<scenario>-<n>`: unique per call, safe as an X-Request-Id. */
  nextRequestId(): { seq: number; requestId: string } {
    const seq = ++this.seq;
    return { seq, requestId: `${this.runId}-${this.scenario.name}-${seq}` };
  }

  /** Expands `{run}`, `{scenario}`, `{n}` (the call's number within its step) in a template. */
  expand(template: string, n: number): string {
    return template.replaceAll('{run}', this.runId).replaceAll('{scenario}', this.scenario.name).replaceAll('{n}', String(n));
  }

  /** The operator's view of a service (every service, with direction and examples). */
  async service(serviceId: string): Promise<DirectoryService> {
    const found = (await this.gateway.directory(OPERATOR)).find((s) => s.id === serviceId);
    if (!found) throw new AssertionFailed(`the directory has no service '${serviceId}'`);
    return found;
  }

  async allServices(): Promise<DirectoryService[]> {
    return this.gateway.directory(OPERATOR);
  }

  /** Runs `fn` when the scenario ends (last registered, first run). */
  defer(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  /** Runs `fn` after `ms` unless the scenario ends first. */
  later(ms: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn().catch(() => undefined);
    }, ms);
    this.timers.add(timer);
  }

  /** Cancels pending timers and runs the clean-ups; returns the problems, never throws. */
  async close(): Promise<string[]> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const problems: string[] = [];
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    return problems;
  }
}
