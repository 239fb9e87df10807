// The test suite in two runs: everything else on all workers, then the scenario library on its
// own. The library asserts latency (a 10 MB document must not slow other traffic), which only
// means something when the rest of the suite is not competing for the same two cores.
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const LATENCY_SUITE = 'test/scenarios/library.test.ts';
const args = process.argv.slice(2);
const jest = (extra) => spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args, ...extra], { stdio: 'inherit' }).status ?? 1;

// Redis and Chromium first, installed from Debian when missing (see the script): a missing one
// fails here with the command to run, not as a few failed tests deep in the output.
const deps = spawnSync('bash', ['scripts/ensure-test-deps.sh'], { stdio: 'inherit' });
if (deps.status !== 0) {
  if (deps.error) process.stderr.write(`npm test: could not run scripts/ensure-test-deps.sh (${deps.error.message}); it needs bash.\n`);
  process.exit(deps.status ?? 1);
}

// Given a path or pattern, run just what was asked in one run.
if (args.some((a) => !a.startsWith('-'))) process.exit(jest([]));
const first = jest([`--testPathIgnorePatterns=${LATENCY_SUITE}`]);
const second = jest([LATENCY_SUITE]);
process.exit(first || second);
