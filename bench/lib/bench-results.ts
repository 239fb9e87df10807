import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './bench-process';

const RESULTS = path.join(ROOT, 'bench/RESULTS.md');

/** CPU count and model, memory and Node version: the line every recorded result carries. */
export function machineDescription(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Load average at the time of a run: other work on the machine skews every number. */
export function loadDescription(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1/5/15 min)`;
}

export function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Prints a section and appends it to bench/RESULTS.md (newest last), or to another results file. */
export function recordResults(
  lines: readonly string[],
  file = RESULTS,
  title = '# Benchmark results\n\nAppended by `npm run bench…`; newest last.\n\n',
): void {
  const text = `${lines.join('\n')}\n`;
  console.log(text);
  if (!existsSync(file)) writeFileSync(file, title);
  appendFileSync(file, text);
}

export const today = (): string => new Date().toISOString().slice(0, 10);
