import http from 'node:http';

export interface PacedLoadOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Requests per second, sent evenly spaced (open loop). */
  rate: number;
  durationS: number;
  /** A request still unanswered after this is counted as an error. */
  timeoutMs?: number;
  /**
   * The caller's agent, left open (its sockets decide how a per-connection balancer spreads the
   * load); by default a keep-alive agent of up to 256 sockets, destroyed at the end.
   */
  agent?: http.Agent;
}

export interface PacedLoadResult {
  sent: number;
  non2xx: number;
  errors: number;
  achievedRps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * An open-loop load generator: request i leaves at start + i/rate whatever happened to the
 * earlier ones, and its latency counts from that scheduled instant, so a server that stalls
 * cannot hide it. autocannon's `overallRate` is a per-second budget that each connection
 * spends back to back at the start of every second: bursts at its connection count, not an
 * even rate.
 */
export async function pacedLoad(opts: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = opts.agent ?? new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(opts.url);
  const total = Math.round(opts.rate * opts.durationS);
  const intervalMs = 1000 / opts.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + next * intervalMs <= now) {
        pending.push(send(start + next * intervalMs));
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  const elapsedS = (performance.now() - start) / 1000;
  if (!opts.agent) agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) * 10) / 10;
  return {
    sent: total,
    non2xx,
    errors,
    achievedRps: Math.round(latencies.length / elapsedS),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: at(1),
  };

  function send(scheduled: number): Promise<void> {
    return new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: opts.method,
          headers: { ...opts.headers, ...(opts.body ? { 'content-length': Buffer.byteLength(opts.body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      req.setTimeout(opts.timeoutMs ?? 10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(opts.body);
    });
  }
}
