import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScenarios, parseScenarioText, ScenarioFileError } from '../../toolkit/scenario-loader';

const GOOD = `scenarios:
  - name: good
    proves: it parses
    steps:
      - fault: { service: vneid, mode: slow, latencyMs: 100, durationMs: 500 }
      - call: { service: vneid, rate: 5, durationMs: 1000, tag: t }
      - parallel:
          - wait: { ms: 10 }
          - sequence:
              - clearFaults: {}
              - assert: { calls: { tag: t, status: [200, 202], byStatus: { "200": { min: 1 } } } }
      - assert: { latency: { tag: t, p99: 500, p50: { min: 1, max: 100 } } }
`;

test('a valid file gives its scenarios, each step with its kind, validated options and line', () => {
  const { file, problems } = parseScenarioText(GOOD, 'good.yaml');
  expect(problems).toEqual([]);
  const [scenario] = file!.scenarios;
  expect(scenario).toMatchObject({ name: 'good', proves: 'it parses', timeoutMs: 120_000, line: 2 });
  expect(scenario!.steps.map((s) => [s.kind, s.line])).toEqual([
    ['fault', 5],
    ['call', 6],
    ['parallel', 7],
    ['assert', 12],
  ]);
  expect(scenario!.steps[0]!.options).toMatchObject({ service: ['vneid'], mode: 'slow', durationMs: 500 });
  expect(scenario!.steps[1]!.options).toMatchObject({ concurrency: 32, respondAsync: false, timeoutMs: 60_000 });
  const parallel = scenario!.steps[2]!;
  expect(parallel.children!.map((c) => [c.kind, c.line])).toEqual([
    ['wait', 8],
    ['sequence', 9],
  ]);
  expect(parallel.children![1]!.children!.map((c) => c.kind)).toEqual(['clearFaults', 'assert']);
  expect(scenario!.steps[3]!.options).toEqual({ kind: 'latency', options: { tag: 't', p99: 500, p50: { min: 1, max: 100 } } });
});

test('every problem is reported at once as file:line key: message', () => {
  const text = `scenarios:
  - name: Bad Name
    proves: x
    steps:
      - call: { service: vneid, rat: 5 }
      - cal: { service: vneid }
      - wait: { ms: 10, jobs: x }
      - assert: { nope: {} }
      - parallel:
          - fault: { service: vneid, mode: sideways }
      - call: { service: vneid, durationMs: 1000 }
      - assert: { latency: { tag: t, p99: fast } }
      - { call: { service: vneid }, wait: { ms: 1 } }
`;
  expect(parseScenarioText(text, 'bad.yaml').problems).toEqual([
    'bad.yaml:2 scenarios[0].name: a scenario name is kebab-case: a-z, 0-9 and -, at most 63',
    "bad.yaml:5 scenarios[0].steps[0].call.rat: unknown key 'rat'",
    "bad.yaml:6 scenarios[0].steps[1].cal: unknown step kind 'cal' (known: fault, clearFaults, call, wait, assert, ngspToken, replayDeadLetters, parallel, sequence)",
    'bad.yaml:7 scenarios[0].steps[2].wait: wait for exactly one of: ms, jobs, breaker',
    "bad.yaml:8 scenarios[0].steps[3].assert.nope: unknown assertion kind 'nope' (known: calls, jobs, journal, connectionLog, breaker, latency, deadLetters, ngspToken)",
    'bad.yaml:10 scenarios[0].steps[4].parallel[0].fault.mode: Invalid option: expected one of "ok"|"down"|"error"|"slow"|"malformed"',
    'bad.yaml:11 scenarios[0].steps[5].call.durationMs: durationMs needs a rate (calls per second)',
    'bad.yaml:12 scenarios[0].steps[6].assert.latency.p99: expected a bound in ms: a number (the most), or { min, max }',
    'bad.yaml:13 scenarios[0].steps[7]: a step has exactly one key naming its kind, found call, wait (known: fault, clearFaults, call, wait, assert, ngspToken, replayDeadLetters, parallel, sequence)',
  ]);
});

test('unbounded steps are refused: rates, durations, counts and waits have limits', () => {
  const text = `scenarios:
  - name: big
    proves: x
    timeoutMs: 999999
    steps:
      - call: { service: vneid, rate: 1000, durationMs: 600000 }
      - call: { service: vneid, count: 100000 }
      - wait: { ms: 3600000 }
      - wait: { jobs: t, timeoutMs: 3600000 }
`;
  const problems = parseScenarioText(text, 'big.yaml').problems.join('\n');
  expect(problems).toContain('big.yaml:4 scenarios[0].timeoutMs: Too big');
  expect(problems).toContain('big.yaml:6 scenarios[0].steps[0].call.rate: Too big');
  expect(problems).toContain('big.yaml:6 scenarios[0].steps[0].call.durationMs: Too big');
  expect(problems).toContain('big.yaml:7 scenarios[0].steps[1].call.count: Too big');
  expect(problems).toContain('big.yaml:8 scenarios[0].steps[2].wait.ms: Too big');
  expect(problems).toContain('big.yaml:9 scenarios[0].steps[3].wait.timeoutMs: Too big');
});

test('YAML syntax errors name their line', () => {
  const { problems } = parseScenarioText('scenarios:\n  - name: x\n    proves: [unclosed\n    steps: []\n', 'broken.yaml');
  expect(problems[0]).toMatch(/^broken\.yaml:\d+: YAML: /);
});

test('a folder loads every .yaml file in order, and a scenario name used twice is refused with both places', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-scenarios-'));
  try {
    const one = (name: string) => `scenarios:\n  - name: ${name}\n    proves: x\n    steps:\n      - wait: { ms: 1 }\n`;
    writeFileSync(path.join(dir, 'b.yaml'), one('second'));
    writeFileSync(path.join(dir, 'a.yml'), one('first'));
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    expect(loadScenarios(dir).flatMap((f) => f.scenarios.map((s) => s.name))).toEqual(['first', 'second']);
    writeFileSync(path.join(dir, 'c.yaml'), one('first'));
    expect(() => loadScenarios(dir)).toThrow(ScenarioFileError);
    expect(() => loadScenarios(dir)).toThrow(/c\.yaml:2 name: scenario 'first' is also defined at .*a\.yml:2/);
    expect(() => loadScenarios(path.join(dir, 'missing'))).toThrow(/no such file or folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the built-in library is valid and holds at least 10 scenarios, each saying what it proves', () => {
  const scenarios = loadScenarios(path.join(__dirname, '../../mocks/scenarios')).flatMap((f) => f.scenarios);
  expect(scenarios.length).toBeGreaterThanOrEqual(10);
  for (const s of scenarios) expect(s.proves.length).toBeGreaterThan(40);
});
