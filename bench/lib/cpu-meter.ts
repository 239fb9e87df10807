import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Cores in use on average over a span of `seconds`: by named groups of processes, by the whole machine, and by everything else. */
export type CpuUse = Record<string, number> & { machine: number; others: number; seconds: number };

/**
 * Measures who used the CPU during a span (Linux /proc; null elsewhere). On a shared machine
 * the "others" figure says how far a number can be trusted: other work steals the same cores.
 */
export function startCpuMeter(groups: Readonly<Record<string, readonly number[]>>): { stop(): CpuUse } | null {
  const first = snapshot(groups);
  if (!first) return null;
  return {
    stop() {
      const last = snapshot(groups);
      const use: Record<string, number> = {};
      if (!last) return { machine: NaN, others: NaN, seconds: NaN };
      const seconds = (last.at - first.at) / 1000;
      const cores = (ticks: number): number => ticks / TICKS_PER_SECOND / seconds;
      let named = 0;
      for (const name of Object.keys(groups)) {
        const ticks = (last.groups.get(name) ?? 0) - (first.groups.get(name) ?? 0);
        use[name] = cores(ticks);
        named += ticks;
      }
      const busy = last.busy - first.busy;
      return { ...use, machine: cores(busy), others: Math.max(0, cores(busy - named)), seconds };
    },
  };
}

/** "gateway 0.62, workers 0.91, … others 0.40 of 2 cores". */
export function describeCpu(use: CpuUse | null): string {
  if (!use) return 'CPU use not measured (no /proc)';
  const parts = Object.entries(use)
    .filter(([k]) => k !== 'machine' && k !== 'seconds')
    .map(([k, v]) => `${k} ${v.toFixed(2)}`);
  return `${parts.join(', ')} — machine ${use.machine.toFixed(2)} of ${os.cpus().length} cores`;
}

// USER_HZ: 100 on every Linux architecture Node runs on.
const TICKS_PER_SECOND = 100;

function snapshot(groups: Readonly<Record<string, readonly number[]>>): { at: number; busy: number; groups: Map<string, number> } | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  const busy = total - (fields[3] ?? 0) - (fields[4] ?? 0);
  const byGroup = new Map<string, number>();
  for (const [name, pids] of Object.entries(groups))
    byGroup.set(
      name,
      pids.reduce((sum, pid) => sum + processTicks(pid), 0),
    );
  return { at: Date.now(), busy, groups: byGroup };
}

/** utime + stime of one process; 0 once it is gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}
