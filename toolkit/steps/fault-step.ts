import { z } from 'zod';
import { oneOrMany } from '../expectations';
import type { ScenarioContext } from '../scenario-context';
import { defineStep } from '../step-kind';

export const MAX_FAULT_DURATION_MS = 300_000;

const schema = z.strictObject({
  service: oneOrMany(z.string().min(1)),
  mode: z.enum(['ok', 'down', 'error', 'slow', 'malformed']),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  rate: z.number().min(0).max(1).optional(),
  /** Clears the fault after this long (in the background); the scenario's end clears it anyway. */
  durationMs: z.number().int().min(1).max(MAX_FAULT_DURATION_MS).optional(),
});

/** Sets a fault on each service at the mock that serves it. */
export async function setFaults(
  ctx: ScenarioContext,
  services: string[],
  fault: { mode: string; status?: number; latencyMs?: number; rate?: number },
): Promise<void> {
  for (const id of services) {
    const svc = await ctx.service(id);
    await ctx.mocks.setFault(svc.direction, id, fault as Parameters<typeof ctx.mocks.setFault>[2]);
  }
}

/** `fault`: sets a fault on the mock that serves each service, optionally for a duration. */
export const faultStep = defineStep({
  kind: 'fault',
  schema,
  describe: (o) =>
    `${o.service.join(', ')} → ${o.mode}${o.rate !== undefined ? ` rate ${o.rate}` : ''}${o.latencyMs !== undefined ? ` ${o.latencyMs} ms` : ''}${o.status ? ` HTTP ${o.status}` : ''}${o.durationMs ? ` for ${o.durationMs} ms` : ''}`,
  async run(o, ctx) {
    const { service, durationMs, ...fault } = o;
    await setFaults(ctx, service, fault);
    if (durationMs) ctx.later(durationMs, () => setFaults(ctx, service, { mode: 'ok' }));
  },
});
