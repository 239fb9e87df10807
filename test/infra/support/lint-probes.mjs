// Lints code given on stdin as [{filePath, code}] with the project's ESLint config and prints,
// per case, the no-restricted-imports messages. A child process: Jest cannot load eslint.config.mjs.
import process from 'node:process';
import { ESLint } from 'eslint';

const cases = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (c) => (text += c)).on('end', () => resolve(text));
  }),
);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
