/**
 * Counts turns of the event loop taken while `work` runs: none when it is done in one go (it
 * resolves before any setImmediate callback can run), many when it is done in slices. Structure,
 * not timing: the held-time figures are benchmarks.
 */
export async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    if (!running) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    await work();
  } finally {
    running = false;
  }
  return turns;
}
