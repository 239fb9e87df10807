/** Thrown when a scenario's own deadline passes (or the run is stopped) while a step waits. */
export class ScenarioAborted extends Error {
  override readonly name = 'ScenarioAborted';
}

/** Sleeps `ms`, or rejects with ScenarioAborted as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ScenarioAborted(String(signal.reason ?? 'aborted')));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ScenarioAborted(String(signal?.reason ?? 'aborted')));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `probe` until it returns true or `timeoutMs` passes; returns whether it held.
 * Always probes at least once, so `timeoutMs: 0` is a plain check.
 */
export async function pollUntil(
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(opts.intervalMs ?? 200, Math.max(1, deadline - Date.now())), opts.signal);
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}
