import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOwnStack, type OwnStack } from '../../toolkit/own-stack';
import { writeReports } from '../../toolkit/reports/report-files';
import { loadScenarios } from '../../toolkit/scenario-loader';
import { runScenarios } from '../../toolkit/scenario-runner';

/** The whole built-in library, run through the runner's API against a stack of its own. */
let stack: OwnStack;
let dir: string;

beforeAll(async () => {
  stack = await startOwnStack({ logLevel: 'silent', log: () => undefined });
  dir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-library-'));
}, 30_000);

afterAll(async () => {
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every scenario of mocks/scenarios passes', async () => {
  const files = loadScenarios(path.join(__dirname, '../../mocks/scenarios'));
  const report = await runScenarios(files, { target: stack });
  const junit = path.join(dir, 'library.xml');
  writeReports(report, { junit });
  const failures = report.scenarios.filter((s) => s.result !== 'passed').map((s) => `${s.name}: ${s.message}`);
  expect(failures).toEqual([]);
  expect(report.scenarios).toHaveLength(files.reduce((n, f) => n + f.scenarios.length, 0));
  expect(readFileSync(junit, 'utf8')).toContain(`tests="${report.scenarios.length}" failures="0" errors="0"`);
}, 240_000);
