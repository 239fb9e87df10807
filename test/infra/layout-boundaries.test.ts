import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The folder boundaries `npm run lint` enforces (eslint.config.mjs): checked on code that breaks
 * them, written as if it lived in each folder, so the rules cannot quietly stop matching.
 */
const CASES: Array<{ filePath: string; code: string }> = [];
let answers: string[][] | undefined;

/** Collects a case; the first lookup lints them all in one child process. */
function restricted(filePath: string, code: string): { filePath: string; code: string } {
  const c = { filePath, code };
  CASES.push(c);
  return c;
}

function messagesOf(c: { filePath: string; code: string }): string[] {
  if (!answers) {
    const run = spawnSync(process.execPath, [path.join(__dirname, 'support', 'lint-probes.mjs')], {
      input: JSON.stringify(CASES),
      encoding: 'utf8',
      cwd: path.join(__dirname, '..', '..'),
    });
    if (run.status !== 0) throw new Error(`lint probes failed: ${run.stderr}`);
    answers = JSON.parse(run.stdout) as string[][];
  }
  return answers[CASES.indexOf(c)] ?? [];
}

const IN_CORE = restricted('src/http/probe.ts', "import { CONNECTORS } from '../../connectors';\nexport const a = CONNECTORS;\n");
const IN_ROOT = restricted('src/main/probe.ts', "import { CONNECTORS } from '../../connectors';\nexport const a = CONNECTORS;\n");
const ROOT_MOCKS = restricted('src/main/probe.ts', "import { startMocks } from '../../mocks/main';\nexport const a = startMocks;\n");
const CORE_TOOLKIT = restricted(
  'src/runtime/probe.ts',
  "import { runScenario } from '../../toolkit/scenario-runner';\nexport const a = runScenario;\n",
);
const MOCK_SRC = restricted('mocks/probe.ts', "import { Catalog } from '../src/catalog/catalog';\nexport const a = Catalog;\n");
const MOCK_CONNECTORS = restricted(
  'mocks/services/probe.ts',
  "import { CONNECTORS } from '../../connectors';\nexport const a = CONNECTORS;\n",
);
const TOOLKIT_START = restricted(
  'toolkit/probe.ts',
  "import { startRoles } from '../src/main/start-roles';\nexport const a = startRoles;\n",
);
const TOOLKIT_CORE = restricted(
  'toolkit/steps/probe.ts',
  "import { Catalog } from '../../src/catalog/catalog';\nexport const a = Catalog;\n",
);
const CONNECTOR_ROOT = restricted(
  'connectors/probe.ts',
  "import { startRoles } from '../src/main/start-roles';\nexport const a = startRoles;\n",
);

test('the gateway core imports connectors only in its composition root, and never the mocks or the toolkit', () => {
  expect(messagesOf(IN_CORE)).toEqual([expect.stringContaining('composition root')]);
  expect(messagesOf(IN_ROOT)).toEqual([]);
  expect(messagesOf(ROOT_MOCKS)).toEqual([expect.stringContaining('never imports mocks')]);
  expect(messagesOf(CORE_TOOLKIT)).toEqual([expect.stringContaining('never imports mocks')]);
});

test('the mocks stand alone', () => {
  expect(messagesOf(MOCK_SRC)).toEqual([expect.stringContaining('stand alone')]);
  expect(messagesOf(MOCK_CONNECTORS)).toEqual([expect.stringContaining('stand alone')]);
});

test('the toolkit may start a gateway but otherwise uses it over HTTP', () => {
  expect(messagesOf(TOOLKIT_START)).toEqual([]);
  expect(messagesOf(TOOLKIT_CORE)).toEqual([expect.stringContaining('public HTTP API')]);
});

test('connectors never reach into the composition root, the mocks or the toolkit', () => {
  expect(messagesOf(CONNECTOR_ROOT)).toEqual([expect.stringContaining('declarations')]);
});
