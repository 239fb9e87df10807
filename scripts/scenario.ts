// `npm run scenario -- <file|folder>… [--gateway URL] [--ngsp URL] [--province URL] [--report junit.xml] [--json report.json]`
// Runs scenario files against a running stack, or against a stack of its own when no --gateway is given.
import { parseArgs } from 'node:util';
import { checkReachable, TARGET_OPTIONS, targetOf } from '../toolkit/cli-options';
import { startOwnStack, type OwnStack } from '../toolkit/own-stack';
import { consoleProgress, summaryTable } from '../toolkit/reports/console-reporter';
import { writeReports } from '../toolkit/reports/report-files';
import { loadScenarios, ScenarioFileError } from '../toolkit/scenario-loader';
import { runScenarios, type RunTarget } from '../toolkit/scenario-runner';

const USAGE = `usage: npm run scenario -- <file|folder>… [--gateway URL] [--ngsp URL] [--province URL] [--report junit.xml] [--json report.json]
  without --gateway, starts its own stack (Redis, mocks, gateway, workers) and stops it at the end.
  --ngsp / --province default to http://127.0.0.1:$MOCK_NGSP_PORT (8081) / $MOCK_PROVINCE_PORT (8082).
  --report writes JUnit XML, and the JSON report beside it (out.xml → out.json) unless --json says where.
exit status: 0 all passed, 1 a scenario failed, 2 bad arguments or scenario files, 3 the stack is not reachable.`;

const say = (msg: string): void => void process.stderr.write(`[scenario] ${msg}\n`);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { ...TARGET_OPTIONS, report: { type: 'string' }, json: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  let files;
  try {
    files = positionals.flatMap((p) => loadScenarios(p));
  } catch (err) {
    if (err instanceof ScenarioFileError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const count = files.reduce((n, f) => n + f.scenarios.length, 0);
  let stack: OwnStack | undefined;
  let target: RunTarget;
  if (values.gateway) {
    target = targetOf({ ...values, gateway: values.gateway });
    const problem = await checkReachable(target);
    if (problem) {
      say(problem);
      return 3;
    }
  } else {
    say('no --gateway given: starting a stack of its own (mocks, gateway, workers)…');
    stack = await startOwnStack({ log: say });
    target = stack;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => {
    say('SIGINT: stopping after clean-up of the current scenario (Ctrl+C again exits at once)');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  try {
    say(
      `${count} scenario${count === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'} against ${target.gatewayUrl}`,
    );
    const report = await runScenarios(files, { target, onEvent: consoleProgress(), signal: stop.signal });
    console.log(summaryTable(report));
    for (const file of writeReports(report, { junit: values.report, json: values.json })) say(`wrote ${file}`);
    return report.failed > 0 || report.scenarios.length < count ? 1 : 0;
  } finally {
    await stack?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
