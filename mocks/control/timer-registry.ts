interface PendingDelay {
  readonly timer: NodeJS.Timeout;
  readonly resolve: (elapsed: boolean) => void;
}

/** The `slow` waits, kept so `close()` can cancel them and Jest exits cleanly. */
export class TimerRegistry {
  private readonly pending = new Set<PendingDelay>();

  /** Resolves true after `ms`, or false when cancelled (client gone, or the mocks closing). */
  delay(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const entry: PendingDelay = {
        timer: setTimeout(() => finish(true), ms),
        resolve,
      };
      const finish = (elapsed: boolean): void => {
        clearTimeout(entry.timer);
        this.pending.delete(entry);
        signal?.removeEventListener('abort', onAbort);
        resolve(elapsed);
      };
      const onAbort = (): void => finish(false);
      this.pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  clearAll(): void {
    for (const entry of [...this.pending]) {
      clearTimeout(entry.timer);
      this.pending.delete(entry);
      entry.resolve(false);
    }
  }
}
