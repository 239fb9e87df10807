import axios from 'axios';
import { startOwnStack, type OwnStack } from '../../toolkit/own-stack';
import { junitXml } from '../../toolkit/reports/junit-report';
import { parseScenarioText } from '../../toolkit/scenario-loader';
import { runScenarios } from '../../toolkit/scenario-runner';
import type { RunReport, ScenarioReport } from '../../toolkit/scenario-types';

/** Each step kind and assertion kind, run for real against a stack of the runner's own. */
let stack: OwnStack;

beforeAll(async () => {
  stack = await startOwnStack({ logLevel: 'silent', log: () => undefined });
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

async function run(steps: string, opts: { timeoutMs?: number } = {}): Promise<{ report: RunReport; scenario: ScenarioReport }> {
  const text = `scenarios:\n  - name: inline\n    proves: a runner test\n${opts.timeoutMs ? `    timeoutMs: ${opts.timeoutMs}\n` : ''}    steps:\n${steps.replace(/^/gm, '      ')}\n`;
  const { file, problems } = parseScenarioText(text, 'inline.yaml');
  if (!file) throw new Error(problems.join('\n'));
  const report = await runScenarios([file], { target: stack });
  return { report, scenario: report.scenarios[0]! };
}

const expectPassed = (s: ScenarioReport): void => expect([s.result, s.message]).toEqual(['passed', undefined]);

test('fault, call and calls: a fault on a service gives typed errors; clearing it gives answers again', async () => {
  const { scenario } = await run(`- fault: { service: vneid, mode: error, status: 503 }
- call: { service: vneid, count: 2, tag: broken }
- assert: { calls: { tag: broken, count: 2, status: 502, errorType: Server.Provider.Error, byErrorType: { Server.Provider.Error: 2 } } }
- clearFaults: { service: vneid }
- call: { service: vneid, tag: fixed }
- assert: { calls: { tag: fixed, status: 200, byStatus: { "200": 1 } } }`);
  expectPassed(scenario);
  expect(scenario.steps.map((s) => s.index)).toEqual(['1', '2', '3', '4', '5', '6']);
  expect(scenario.steps[1]!.detail).toMatch(/^2 calls: 502 Server\.Provider\.Error×2/);
});

test('a fault for a duration ends by itself; a call at a rate for a duration sends rate × duration calls', async () => {
  const { scenario } = await run(`- fault: { service: dat-dai, mode: down, durationMs: 300 }
- call: { service: dat-dai, tag: during }
- wait: { ms: 500 }
- call: { service: dat-dai, rate: 20, durationMs: 500, tag: after }
- assert: { calls: { tag: during, status: 503, errorType: Server.Provider.Unreachable } }
- assert: { calls: { tag: after, count: 10, status: 200 } }
- assert: { latency: { tag: after, p50: { min: 0, max: 1000 }, p99: 2000 } }`);
  expectPassed(scenario);
});

test('async calls, idempotency keys, waiting for jobs, and the jobs, journal and connection-log assertions', async () => {
  const { scenario } =
    await run(`- call: { service: ho-tich, operation: dang-ky-khai-sinh, count: 3, idempotencyKey: "{run}-k-{n}", tag: keyed }
- call: { service: ho-tich, operation: dang-ky-khai-sinh, count: 2, idempotencyKey: "{run}-same", tag: same }
- call: { service: ho-tich, operation: tra-cuu, respondAsync: true, tag: preferred }
- wait: { jobs: keyed, timeoutMs: 20000 }
- wait: { jobs: same, timeoutMs: 20000 }
- wait: { jobs: preferred, timeoutMs: 20000 }
- assert: { calls: { tag: keyed, status: 202, distinctJobIds: 3 } }
- assert: { calls: { tag: same, distinctJobIds: 1 } }
- assert: { jobs: { tag: keyed, status: completed, completed: 3, failed: 0, attempts: 1, maxAttempts: 1 } }
- assert: { jobs: { tag: preferred, status: completed } }
- assert: { journal: { service: ho-tich, tag: keyed, total: 3, distinctKeys: 3, perKey: 1 } }
- assert: { journal: { service: ho-tich, tag: same, total: 1, perKey: 1 } }
- assert: { connectionLog: { service: ho-tich, tag: keyed, success: 3, failure: 0, total: 3 } }
- assert: { connectionLog: { success: 5, servicesWithSuccess: 1 } }`);
  expectPassed(scenario);
});

test('connectionLog `calls`: one success per call, on every connection called, without restating how many', async () => {
  const healthy = await run(`- call: { service: [vneid, dat-dai], tag: both }
- assert: { connectionLog: { tag: both, success: calls, failure: 0, servicesWithSuccess: calls } }`);
  expectPassed(healthy.scenario);
  const broken = await run(`- fault: { service: dat-dai, mode: error, status: 422 }
- call: { service: [vneid, dat-dai], tag: one-down }
- clearFaults: { service: dat-dai }
- assert: { connectionLog: { tag: one-down, servicesWithSuccess: calls, withinMs: 3000 } }`);
  expect(broken.scenario.result).toBe('failed');
  expect(broken.scenario.message).toContain('connections with a success: expected 2, saw 1');
});

test('dead letters: a content rejection fails the job at once; replay delivers it', async () => {
  const { scenario } = await run(`- fault: { service: csdl-gia, mode: error, status: 422 }
- call: { service: csdl-gia, operation: gui-du-lieu-gia, tag: rejected }
- wait: { jobs: rejected, timeoutMs: 20000 }
- assert: { jobs: { tag: rejected, status: failed, attempts: 1, errorType: Server.Provider.Error } }
- assert: { deadLetters: { service: csdl-gia, tag: rejected, count: 1 } }
- clearFaults: {}
- replayDeadLetters: { service: csdl-gia, tag: rejected, replayed: 1 }
- wait: { jobs: rejected, timeoutMs: 20000 }
- assert: { jobs: { tag: rejected, status: completed } }
- assert: { deadLetters: { service: csdl-gia, tag: rejected, count: 0 } }`);
  expectPassed(scenario);
});

test('breaker: waits for and asserts a state and its transitions', async () => {
  const { scenario } = await run(`- fault: { service: bhxh, mode: down }
- call: { service: bhxh, count: 12, concurrency: 1, tag: failing }
- wait: { breaker: { service: bhxh, state: open }, timeoutMs: 5000 }
- assert: { breaker: { service: bhxh, state: open, includes: [open], transitions: 1 } }
- assert: { breaker: { service: vneid, state: closed, transitions: 0 } }
- assert: { calls: { tag: failing, byErrorType: { Server.Gateway.CircuitOpen: { min: 1 } } } }`);
  expectPassed(scenario);
});

test('ngspToken: revoking the platform token makes the gateway fetch a new one, and callers see no error', async () => {
  const { scenario } = await run(`- call: { service: vneid, tag: before }
- ngspToken: { revoke: true, expiresIn: 120 }
- call: { service: vneid, tag: after }
- assert: { calls: { status: 200 } }
- assert: { ngspToken: { issued: 1 } }`);
  expectPassed(scenario);
  expect((await axios.get(`${stack.ngspUrl}/__mock/token`)).data.expiresIn).toBe(3600);
});

test('parallel and sequence run nested steps, numbered under their parent', async () => {
  const { scenario } = await run(`- parallel:
    - call: { service: vneid, rate: 10, durationMs: 300, tag: a }
    - sequence:
        - wait: { ms: 50 }
        - call: { service: danh-muc-dung-chung, operation: lay-danh-muc, tag: b }
- assert: { calls: { status: 200, count: 4 } }`);
  expectPassed(scenario);
  expect(scenario.steps.map((s) => s.index).sort()).toEqual(['1', '1.1', '1.2', '1.2.1', '1.2.2', '2']);
});

test('an assertion that cannot hold fails the scenario with a message naming the step, skips the rest, and faults are cleared anyway', async () => {
  const { report, scenario } = await run(`- fault: { service: vneid, mode: slow, latencyMs: 200 }
- call: { service: vneid, tag: slow }
- assert: { latency: { tag: slow, max: 50 } }
- wait: { ms: 1 }`);
  expect(scenario.result).toBe('failed');
  expect(scenario.message).toMatch(/^step 3 \(assert latency \[slow\], inline\.yaml:7\): max: expected ≤ 50 ms, saw \d+ ms$/);
  expect(scenario.steps.map((s) => [s.index, s.result])).toEqual([
    ['1', 'passed'],
    ['2', 'passed'],
    ['3', 'failed'],
  ]);
  expect(report.failed).toBe(1);
  expect((await axios.get(`${stack.ngspUrl}/__mock/faults`)).data.items).toEqual([]);
  const xml = junitXml(report);
  expect(xml).toContain('<testsuite name="inline.yaml" tests="1" failures="1" errors="0"');
  expect(xml).toContain('<failure message="step 3 (assert latency [slow], inline.yaml:7): max: expected ≤ 50 ms');
});

test('each assertion kind fails when its expectation is wrong', async () => {
  const failing = [
    ['calls: { tag: t, status: 201 }', /status: expected every call in \{201\}, saw 200×1/],
    ['calls: { tag: nope }', /no calls tagged 'nope' were sent \(tags so far: t\)/],
    ['journal: { service: vneid, tag: t, total: 2, withinMs: 0 }', /requests received: expected 2, saw 1/],
    ['connectionLog: { service: vneid, failure: 1, withinMs: 300 }', /failure records: expected 1, saw 0/],
    ['breaker: { service: vneid, state: open }', /state: expected open, saw closed/],
    ['ngspToken: { issued: { min: 5 } }', /tokens issued since the start: expected ≥ 5, saw 0/],
    ['deadLetters: { service: vneid, count: 1 }', /dead letters: expected 1, saw 0/],
  ] as const;
  for (const [assertion, message] of failing) {
    const { scenario } = await run(`- call: { service: vneid, tag: t }\n- assert: { ${assertion} }`);
    expect([assertion, scenario.result, scenario.message]).toEqual([assertion, 'failed', expect.stringMatching(message)]);
  }
  const jobs = await run(
    `- call: { service: ho-tich, operation: dang-ky-khai-sinh, tag: j }\n- wait: { jobs: j, timeoutMs: 20000 }\n- assert: { jobs: { tag: j, failed: 1 } }`,
  );
  expect(jobs.scenario.message).toMatch(/^step 3 \(assert jobs \[j\].*\): failed: expected 1, saw 0 \(completed×1\)$/);
});

test('a wait that does not come true fails at its timeout, and a scenario past its deadline stops in the step it was in', async () => {
  const wait = await run('- wait: { breaker: { service: vneid, state: open }, timeoutMs: 300 }');
  expect(wait.scenario.message).toMatch(/^step 1 \(wait breaker vneid open.*\): breaker of vneid not open within 300 ms \(still closed\)$/);
  const started = Date.now();
  const late = await run('- wait: { ms: 1 }\n- wait: { ms: 60000 }', { timeoutMs: 1000 });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(late.scenario.result).toBe('failed');
  expect(late.scenario.message).toMatch(/step 2 \(wait 60000 ms, inline\.yaml:7\): the scenario's timeout of 1000 ms passed/);
});

test('a scenario played twice in one run (as the demo does) uses fresh request ids and idempotency keys', async () => {
  const { file } = parseScenarioText(
    `scenarios:
  - name: twice
    proves: keys are per scenario run
    steps:
      - call: { service: ho-tich, operation: dang-ky-khai-sinh, idempotencyKey: "{run}-once", tag: k }
      - wait: { jobs: k, timeoutMs: 20000 }
      - assert: { journal: { service: ho-tich, tag: k, total: 1 } }
`,
    'twice.yaml',
  );
  const report = await runScenarios([file!, file!], { target: stack });
  expect(report.scenarios.map((s) => [s.result, s.message])).toEqual([
    ['passed', undefined],
    ['passed', undefined],
  ]);
});
