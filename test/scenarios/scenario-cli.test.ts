import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOwnStack, type OwnStack } from '../../toolkit/own-stack';

/** `npm run scenario` as a tester uses it: exit status, progress, summary and report files. */
let stack: OwnStack;
let dir: string;
const ROOT = path.join(__dirname, '../..');

beforeAll(async () => {
  stack = await startOwnStack({ logLevel: 'silent', log: () => undefined });
  dir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-scenario-cli-'));
}, 30_000);

afterAll(async () => {
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/scenario.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const target = (): string[] => ['--gateway', stack.gatewayUrl, '--ngsp', stack.ngspUrl, '--province', stack.provinceUrl];

test('a run with a scenario whose assertion cannot hold exits 1, names the step, and writes JUnit and JSON reports', async () => {
  const file = path.join(dir, 'mixed.yaml');
  writeFileSync(
    file,
    `scenarios:
  - name: holds
    proves: vneid answers
    steps:
      - call: { service: vneid, tag: ok }
      - assert: { calls: { tag: ok, status: 200 } }
  - name: cannot-hold
    proves: nothing, on purpose
    steps:
      - call: { service: vneid, tag: ok }
      - assert: { calls: { tag: ok, status: 418 } }
`,
  );
  const report = path.join(dir, 'out.xml');
  const { code, out } = await cli([file, ...target(), '--report', report]);
  expect(code).toBe(1);
  expect(out).toContain('✓ 1 call vneid [ok]');
  expect(out).toMatch(
    /step 2 \(assert calls \[ok\] status ∈ \{418\}, .*mixed\.yaml:11\): status: expected every call in \{418\}, saw 200×1/,
  );
  expect(out).toMatch(/scenario\s+steps\s+result\s+duration/);
  expect(out).toMatch(/holds\s+2\/2\s+passed/);
  expect(out).toMatch(/cannot-hold\s+1\/2\s+failed/);
  const xml = readFileSync(report, 'utf8');
  expect(xml).toMatch(/<testsuite name="[^"]*mixed\.yaml" tests="2" failures="1" errors="0"/);
  expect(xml).toContain('<testcase classname=');
  expect(xml).toMatch(/<failure message="step 2 \(assert calls \[ok\]/);
  const json = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
  expect(json).toMatchObject({
    passed: 1,
    failed: 1,
    scenarios: [
      { name: 'holds', result: 'passed' },
      { name: 'cannot-hold', result: 'failed' },
    ],
  });
}, 60_000);

test('a passing run exits 0; invalid files exit 2 with file:line key; an unreachable stack exits 3', async () => {
  const good = path.join(dir, 'good.yaml');
  writeFileSync(good, 'scenarios:\n  - name: fine\n    proves: x\n    steps:\n      - call: { service: vneid }\n');
  expect((await cli([good, ...target()])).code).toBe(0);
  const bad = path.join(dir, 'bad.yaml');
  writeFileSync(bad, 'scenarios:\n  - name: fine\n    proves: x\n    steps:\n      - call: { servis: vneid }\n');
  const invalid = await cli([bad, ...target()]);
  expect(invalid.code).toBe(2);
  expect(invalid.out).toMatch(/bad\.yaml:5 scenarios\[0\]\.steps\[0\]\.call\.servis: unknown key 'servis'/);
  const gone = await cli([good, '--gateway', 'http://127.0.0.1:9', '--ngsp', stack.ngspUrl, '--province', stack.provinceUrl]);
  expect(gone.code).toBe(3);
  expect(gone.out).toContain('the gateway does not answer at http://127.0.0.1:9/health');
  expect(existsSync(path.join(dir, 'good.json'))).toBe(false);
}, 60_000);
