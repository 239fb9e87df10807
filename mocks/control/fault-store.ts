import { z } from 'zod';

export const FAULT_MODES = ['ok', 'down', 'error', 'slow', 'malformed'] as const;
export const DEFAULT_LATENCY_MS = 5000;

/** Body of `PUT /__mock/faults/{serviceId}`. */
export const faultSchema = z.strictObject({
  mode: z.enum(FAULT_MODES),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  rate: z.number().min(0).max(1).optional(),
});

export interface Fault {
  readonly mode: Exclude<(typeof FAULT_MODES)[number], 'ok'>;
  readonly status?: number;
  readonly latencyMs: number;
  readonly rate: number;
}

interface ActiveFault {
  readonly fault: Fault;
  calls: number;
}

/** Faults per service. `rate` picks calls deterministically: call i is faulted when ⌊(i+1)·rate⌋ > ⌊i·rate⌋. */
export class FaultStore {
  private readonly active = new Map<string, ActiveFault>();

  /** Sets (or, for mode `ok`, removes) the fault of a service; its call count starts again. */
  set(serviceId: string, input: z.output<typeof faultSchema>): Fault | null {
    if (input.mode === 'ok') {
      this.active.delete(serviceId);
      return null;
    }
    const fault: Fault = {
      mode: input.mode,
      status: input.status,
      latencyMs: input.latencyMs ?? DEFAULT_LATENCY_MS,
      rate: input.rate ?? 1,
    };
    this.active.set(serviceId, { fault, calls: 0 });
    return fault;
  }

  /** Counts a call to the service and returns the fault that applies to it, if any. */
  next(serviceId: string): Fault | undefined {
    const entry = this.active.get(serviceId);
    if (entry === undefined) return undefined;
    const i = entry.calls++;
    const { rate } = entry.fault;
    return Math.floor((i + 1) * rate) > Math.floor(i * rate) ? entry.fault : undefined;
  }

  list(): Array<Fault & { serviceId: string; calls: number }> {
    return [...this.active].map(([serviceId, { fault, calls }]) => ({ serviceId, ...fault, calls }));
  }

  clear(): void {
    this.active.clear();
  }
}
