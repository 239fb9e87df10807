import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** The README's consumer-side check, exactly as printed there. */
export type ReadmeVerifier = (
  header: string | undefined,
  rawBody: Buffer | string,
  key: string,
  toleranceSeconds?: number,
  now?: number,
) => boolean;

/**
 * Runs the README's `verifyLgspSignature` code block as a consumer would paste it: if the README
 * changes, the tests check the new text; if the block goes missing, they fail.
 */
export function readmeVerifier(): ReadmeVerifier {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((code) => code.includes('function verifyLgspSignature'));
  if (!block) throw new Error('README has no js block defining verifyLgspSignature');
  const context = vm.createContext({ require, Buffer });
  return vm.runInContext(`${block}\nverifyLgspSignature;`, context) as ReadmeVerifier;
}
