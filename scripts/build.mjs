// `npm run build`: compiles the gateway to dist/ for plain `node` (no tsx) and copies the files
// the code reads at run time beside it. dist/ mirrors the source tree (dist/src, dist/config,
// ...), so every path the code resolves from its own folder (`__dirname`: the config files, the
// dashboard pages) lands on the copy in dist/ unchanged, and dist/ plus the production
// node_modules is all a deployment needs. Package files (uPlot, swagger-ui) resolve from
// node_modules as in development.
//
//   node scripts/build.mjs [--out-dir DIR]   (default: dist; a test builds into a temp folder)
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSCONFIG = path.join(ROOT, 'tsconfig.build.json');
/** Folders copied whole: read at run time, never compiled. */
const DATA_DIRS = ['config'];
/** Source-tree files that stay behind: TypeScript is compiled, the READMEs are for people. */
const NOT_COPIED = /\.(ts|md)$/;

function outDirFromArgs(args) {
  const at = args.indexOf('--out-dir');
  if (at === -1) return path.join(ROOT, 'dist');
  const dir = args[at + 1];
  if (!dir) throw new Error('--out-dir needs a folder');
  return path.resolve(dir);
}

const outDir = outDirFromArgs(process.argv.slice(2));
// A file deleted from the source must not live on in dist/.
rmSync(outDir, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', TSCONFIG, '--outDir', outDir], {
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${tsc.status ?? tsc.signal})\n`);
  process.exit(1);
}

// The compiled folders come from tsconfig.build.json, so a new top-level folder is added there only.
const sourceDirs = JSON.parse(readFileSync(TSCONFIG, 'utf8')).include;
for (const dir of sourceDirs) {
  cpSync(path.join(ROOT, dir), path.join(outDir, dir), { recursive: true, filter: (src) => !NOT_COPIED.test(src) });
}
for (const dir of DATA_DIRS) cpSync(path.join(ROOT, dir), path.join(outDir, dir), { recursive: true });
const shown = (file) => (path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file));
process.stdout.write(`build: ${shown(outDir)} ready; every role: node ${shown(path.join(outDir, 'src/main/all-roles.js'))}\n`);
