import type { RunReport, ScenarioReport } from '../scenario-types';

const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '?');

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function stepLog(s: ScenarioReport): string {
  return s.steps
    .map(
      (st) =>
        `${st.result === 'passed' ? 'ok  ' : 'FAIL'} ${st.index} ${st.kind} ${st.description} (${st.durationMs} ms)${st.detail ? ` — ${st.detail}` : ''}${st.message ? ` — ${st.message}` : ''}`,
    )
    .join('\n');
}

function testcase(s: ScenarioReport): string {
  const classname = s.file.replace(/\.ya?ml$/, '').replace(/[\\/]/g, '.');
  const open = `    <testcase classname="${escape(classname)}" name="${escape(s.name)}" time="${seconds(s.durationMs)}">`;
  const verdict =
    s.result === 'passed'
      ? ''
      : `\n      <${s.result === 'error' ? 'error' : 'failure'} message="${escape(s.message ?? s.result)}" type="${s.result === 'error' ? 'ScenarioError' : 'AssertionFailed'}">${escape(s.message ?? '')}</${s.result === 'error' ? 'error' : 'failure'}>`;
  return `${open}${verdict}\n      <system-out>${escape(`${s.proves}\n\n${stepLog(s)}`)}</system-out>\n    </testcase>`;
}

/** JUnit XML: one testsuite per scenario file, one testcase per scenario; a failure names its step. */
export function junitXml(report: RunReport): string {
  const byFile = new Map<string, ScenarioReport[]>();
  for (const s of report.scenarios) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const count = (list: ScenarioReport[], r: string): number => list.filter((s) => s.result === r).length;
  const suites = [...byFile].map(([file, list]) => {
    const time = list.reduce((t, s) => t + s.durationMs, 0);
    const attrs = `name="${escape(file)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="${count(list, 'error')}" skipped="0" time="${seconds(time)}" timestamp="${escape(list[0]?.startedAt ?? report.startedAt)}"`;
    return `  <testsuite ${attrs}>\n${list.map(testcase).join('\n')}\n  </testsuite>`;
  });
  const all = report.scenarios;
  const head = `<testsuites name="lgsp-scenarios" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'error')}" time="${seconds(report.durationMs)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}
