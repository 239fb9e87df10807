/**
 * A bounded background loop of sync calls to one operation (one call at a time, a pause
 * between calls), so the dashboard has live exchanges to show; `stop()` waits for the last call.
 */
export function startSyncTraffic(opts: { url: string; token: string; body: unknown; pauseMs: number; maxCalls: number }): {
  stop(): Promise<number>;
} {
  let running = true;
  let calls = 0;
  const loop = (async () => {
    while (running && calls < opts.maxCalls) {
      calls += 1;
      await fetch(opts.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(opts.body),
        signal: AbortSignal.timeout(5000),
      })
        .then((res) => res.arrayBuffer())
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, opts.pauseMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return calls;
    },
  };
}
