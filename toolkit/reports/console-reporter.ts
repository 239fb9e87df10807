import type { RunEvent } from '../scenario-runner';
import type { RunReport } from '../scenario-types';

const MARK = { passed: '✓', failed: '✗', error: '!' } as const;

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Prints progress as steps end: one line per step, indented by nesting, failures with their message. */
export function consoleProgress(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): (e: RunEvent) => void {
  return (e) => {
    if (e.type === 'scenario-start') write(`\n▶ ${e.scenario.name}  (${e.scenario.file})`);
    if (e.type === 'step-end') {
      const s = e.step;
      const pad = '  '.repeat(s.index.split('.').length);
      write(
        `${pad}${MARK[s.result]} ${s.index} ${s.kind} ${s.description}  ${s.durationMs} ms${s.detail ? `\n${pad}    ${s.detail}` : ''}`,
      );
      if (s.message && s.message !== 'a nested step failed') write(`${pad}    ${s.message}`);
    }
    if (e.type === 'scenario-end')
      write(
        `${MARK[e.report.result]} ${e.report.name} ${e.report.result} in ${secs(e.report.durationMs)}${e.report.message ? `\n  ${e.report.message}` : ''}`,
      );
  };
}

/** The summary table: scenario, steps, result, duration; then the totals. */
export function summaryTable(report: RunReport): string {
  const rows = report.scenarios.map((s) => [
    s.name,
    `${s.steps.filter((st) => st.result === 'passed').length}/${s.steps.length}`,
    s.result,
    secs(s.durationMs),
  ]);
  const header = ['scenario', 'steps', 'result', 'duration'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const failures = report.scenarios.filter((s) => s.result !== 'passed').map((s) => `  ${s.name}: ${s.message ?? s.result}`);
  return [
    '',
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    `${report.passed} passed, ${report.failed} failed, ${secs(report.durationMs)} in all (run ${report.runId}, gateway ${report.target.gatewayUrl})`,
    ...(failures.length ? ['', 'Failures:', ...failures] : []),
  ].join('\n');
}
