/** Thrown when the process already runs (and queues) as many secret checks as it may. */
export class SecretChecksBusyError extends Error {
  constructor() {
    super('Too many client secret checks are running on this gateway process');
    this.name = 'SecretChecksBusyError';
  }
}

export interface SecretCheckLimits {
  /** scrypt checks running at once (each takes a libuv pool thread and ~16 MiB). */
  maxConcurrent: number;
  /** Checks allowed to wait for a slot; beyond that a request is refused at once. */
  maxWaiting: number;
}

/**
 * A semaphore around scrypt: the libuv pool (4 threads by default) is shared with DNS, gzip and
 * file reads, so a flood of logins must not take all of it. Past the cap and the short queue,
 * `run` rejects at once with SecretChecksBusyError instead of letting requests pile up.
 */
export class SecretCheckLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limits: SecretCheckLimits) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(check: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await check();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.maxConcurrent) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.maxWaiting) return Promise.reject(new SecretChecksBusyError());
    // The slot is handed over by release(): `running` stays counted for the next in line.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
