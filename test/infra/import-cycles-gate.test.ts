import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run lint` fails on an import cycle: the very command package.json runs, on small trees of files. */
const ROOT = path.resolve(__dirname, '../..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` under a fresh folder and runs the cycle check there, as npm would (node_modules/.bin on the PATH). */
function checkCycles(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-cycles-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const run = spawnSync('sh', ['-c', scripts['lint:cycles']!], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env['PATH'] ?? ''}` },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('lint runs eslint, then the cycle check, then the formatting check', () => {
  expect(scripts['lint']).toBe('eslint . && npm run lint:cycles && npm run format:check');
  for (const folder of ['src', 'connectors', 'mocks', 'toolkit', 'scripts', 'bench', 'drills', 'test'])
    expect(scripts['lint:cycles']).toContain(`'${folder}/**/*.ts'`);
});

test('two files that import each other fail the check, which names them', () => {
  const result = checkCycles({
    'src/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  });
  expect(result.status).not.toBe(0);
  expect(result.output).toMatch(/src\/a\.ts -> src\/b\.ts|src\/b\.ts -> src\/a\.ts/);
});

test('a loop through type-only imports across folders fails too', () => {
  const result = checkCycles({
    'src/config/schema.ts': "import type { Auth } from '../auth/auth';\nexport interface Schema { auth: Auth }\n",
    'src/auth/auth.ts': "import type { Schema } from '../config/schema';\nexport interface Auth { schema: Schema }\n",
  });
  expect(result.status).not.toBe(0);
});

test('imports that point one way pass', () => {
  const result = checkCycles({
    'src/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'test/b.ts': 'export const b = 1;\n',
    'src/b.ts': "export { b } from '../test/b';\n",
  });
  expect(result.output).toContain('no circular dependency');
  expect(result.status).toBe(0);
});
