// `npm run demo [-- --gateway URL] [--ngsp URL] [--province URL] [--scenarios folder] [--rounds N] [--pause ms]`
// Runs the scenario library in a loop against a running `npm start`, so the dashboard shows live,
// realistic traffic: morning peaks, outages and recoveries, slow and broken providers, dead letters.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkReachable, TARGET_OPTIONS, targetOf } from '../toolkit/cli-options';
import { sleep } from '../toolkit/poll';
import { loadScenarios } from '../toolkit/scenario-loader';
import { runScenarios } from '../toolkit/scenario-runner';
import type { ScenarioFile } from '../toolkit/scenario-types';

const say = (msg: string): void => void process.stdout.write(`[demo] ${msg}\n`);

/** Every round plays the library in a new order, with the morning peak between outages so traffic never stops. */
function roundOf(files: ScenarioFile[]): ScenarioFile[] {
  const all = files.flatMap((f) => f.scenarios.map((s) => ({ file: f.file, scenarios: [s] })));
  const peak = all.filter((f) => f.scenarios[0]!.name === 'morning-peak');
  const others = all.filter((f) => f.scenarios[0]!.name !== 'morning-peak');
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [others[i], others[j]] = [others[j]!, others[i]!];
  }
  return others.flatMap((f, i) => (i % 3 === 0 && peak.length ? [...peak, f] : [f]));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { ...TARGET_OPTIONS, scenarios: { type: 'string' }, rounds: { type: 'string' }, pause: { type: 'string' } },
  });
  if (values.help) {
    console.log('usage: npm run demo -- [--gateway URL] [--ngsp URL] [--province URL] [--scenarios folder] [--rounds N] [--pause ms]');
    return 0;
  }
  const target = targetOf({ ...values, gateway: values.gateway ?? `http://127.0.0.1:${process.env['PORT'] || 8080}` });
  const problem = await checkReachable(target);
  if (problem) {
    say(`${problem}\n[demo] start the stack first with \`npm start\` (or pass --gateway/--ngsp/--province).`);
    return 3;
  }
  const files = loadScenarios(values.scenarios ?? path.join(__dirname, '../mocks/scenarios'));
  const rounds = values.rounds ? Number(values.rounds) : Infinity;
  const pauseMs = values.pause ? Number(values.pause) : 2000;
  const stop = new AbortController();
  process.once('SIGINT', () => {
    say('stopping after the current scenario cleans up (Ctrl+C again exits at once)');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  say(
    `playing ${files.reduce((n, f) => n + f.scenarios.length, 0)} scenarios in a loop against ${target.gatewayUrl}; watch ${target.gatewayUrl}/admin (van-hanh / van-hanh-dev-secret)`,
  );
  for (let round = 1; round <= rounds && !stop.signal.aborted; round++) {
    const report = await runScenarios(roundOf(files), {
      target,
      signal: stop.signal,
      onEvent: (e) => {
        if (e.type === 'scenario-start') say(`round ${round}: ${e.scenario.name}…`);
        if (e.type === 'scenario-end')
          say(
            `round ${round}: ${e.report.result === 'passed' ? '✓' : '✗'} ${e.report.name} (${(e.report.durationMs / 1000).toFixed(1)} s)${e.report.message ? ` — ${e.report.message}` : ''}`,
          );
      },
    });
    say(`round ${round} done: ${report.passed} passed, ${report.failed} failed in ${(report.durationMs / 1000).toFixed(0)} s`);
    if (!stop.signal.aborted) await sleep(pauseMs, stop.signal).catch(() => undefined);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
