import { writeSync } from 'node:fs';

/**
 * Preloaded into a worker process (`node --import tsx --import drills/lib/starve-hook.ts …`) by
 * the starved-worker drill: on SIGUSR2 the event loop is held by a CPU-bound loop for
 * DRILL_STARVE_MS. Nothing else runs meanwhile (no lock renewal, no socket read, no timer), as
 * in a process stuck in a long synchronous computation; the process itself is running, unlike
 * one stopped with SIGSTOP. Its start and end are written to stdout as JSON lines, synchronously,
 * so the drill knows when the block really began and ended.
 */
const starveMs = Number(process.env['DRILL_STARVE_MS'] ?? 0);

function say(msg: string, fields: Record<string, number>): void {
  writeSync(1, `${JSON.stringify({ msg, pid: process.pid, ...fields })}\n`);
}

if (starveMs > 0) {
  process.on('SIGUSR2', () => {
    const startedAt = Date.now();
    say('starve start', { at: startedAt });
    const until = performance.now() + starveMs;
    let spins = 0;
    while (performance.now() < until) spins += 1;
    say('starve end', { at: Date.now(), blockedMs: Date.now() - startedAt, spins });
  });
}
