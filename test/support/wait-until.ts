/**
 * Polls `probe` until it returns a value other than undefined, or throws once `timeoutMs` has
 * passed (with the last value seen by `describe`, so a timeout says how far things got).
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; describe?: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const state = opts.describe ? `; last seen: ${await opts.describe()}` : '';
      throw new Error(`${what}: not within ${opts.timeoutMs} ms${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50));
  }
}
