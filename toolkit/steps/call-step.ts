import { z } from 'zod';
import { bodyMaker, bodySchema, describeBody } from '../body-source';
import { resolveTargets } from '../call-targets';
import { oneOrMany, percentile, tally } from '../expectations';
import { sleep } from '../poll';
import type { ScenarioContext } from '../scenario-context';
import type { Step } from '../scenario-types';
import { defineStep } from '../step-kind';

export const MAX_CALLS = 5000;
export const MAX_RATE = 200;
export const MAX_CALL_DURATION_MS = 120_000;

const schema = z
  .strictObject({
    service: oneOrMany(z.string().min(1)),
    operation: z.string().min(1).optional(),
    operationMode: z.enum(['sync', 'async']).optional(),
    as: z.string().min(1).optional(),
    /** Sends `Prefer: respond-async` (a sync operation is then queued). */
    respondAsync: z.boolean().default(false),
    /** How many calls; by default one per matching operation (or rate × duration). */
    count: z.number().int().min(1).max(MAX_CALLS).optional(),
    /** Calls per second, with `durationMs` or `count`. */
    rate: z.number().min(0.1).max(MAX_RATE).optional(),
    durationMs: z.number().int().min(1).max(MAX_CALL_DURATION_MS).optional(),
    /** Most calls in flight at once. */
    concurrency: z.number().int().min(1).max(256).default(32),
    /** A template: `{run}`, `{scenario}` and `{n}` (the call's number in the step) are replaced. */
    idempotencyKey: z.string().min(1).max(100).optional(),
    body: bodySchema.optional(),
    tag: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, 'a tag is 1-40 letters, digits, dot, dash or underscore')
      .optional(),
    timeoutMs: z.number().int().min(100).max(120_000).default(60_000),
  })
  .refine((o) => o.durationMs === undefined || o.rate !== undefined, {
    message: 'durationMs needs a rate (calls per second)',
    path: ['durationMs'],
  })
  .refine((o) => o.durationMs === undefined || o.count === undefined, { message: 'give count or durationMs, not both', path: ['count'] })
  .refine((o) => o.rate === undefined || o.durationMs === undefined || (o.rate * o.durationMs) / 1000 <= MAX_CALLS, {
    message: `rate × duration is more than ${MAX_CALLS} calls`,
    path: ['rate'],
  });

type CallOptions = z.output<typeof schema>;

/** The tag of a call step: its own, or `step-<line>`. */
export function tagOf(o: { tag?: string | undefined }, step: Step): string {
  return o.tag ?? `step-${step.line}`;
}

/** `call`: sends calls as a consumer, once, a number of times, or at a rate for a duration. */
export const callStep = defineStep({
  kind: 'call',
  schema,
  describe: (o) =>
    `${o.service.join(', ')}${o.operation ? `/${o.operation}` : ''}${o.as ? ` as ${o.as}` : ''}` +
    `${o.rate ? ` at ${o.rate}/s` : ''}${o.durationMs ? ` for ${o.durationMs} ms` : ''}${o.count ? ` ×${o.count}` : ''}` +
    `${o.idempotencyKey ? ` key ${o.idempotencyKey}` : ''}${o.body ? ` (${describeBody(o.body)})` : ''}${o.tag ? ` [${o.tag}]` : ''}`,
  async run(o, ctx, step) {
    const targets = await resolveTargets(ctx, o);
    const total =
      o.durationMs !== undefined && o.rate !== undefined
        ? Math.max(1, Math.floor((o.rate * o.durationMs) / 1000))
        : (o.count ?? targets.length);
    const tag = tagOf(o, step);
    const makeBody = bodyMaker(o.body);
    const intervalMs = o.rate ? 1000 / o.rate : 0;
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const dueIn = started + i * intervalMs - Date.now();
      if (dueIn > 0) await sleep(dueIn, ctx.signal);
      while (inFlight.size >= o.concurrency) await Promise.race(inFlight);
      if (ctx.signal.aborted) break;
      const p = sendOne(ctx, o, targets[i % targets.length]!, i + 1, tag, makeBody).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    const calls = ctx.traffic.calls(tag).filter((c) => c.startedAt >= started);
    return {
      detail: `${calls.length} calls: ${tally(calls.map((c) => (c.errorType ? `${c.status} ${c.errorType}` : c.status)))}; p50 ${Math.round(
        percentile(
          calls.map((c) => c.latencyMs),
          50,
        ),
      )} ms, max ${Math.round(Math.max(...calls.map((c) => c.latencyMs)))} ms`,
    };
  },
});

async function sendOne(
  ctx: ScenarioContext,
  o: CallOptions,
  target: Parameters<ReturnType<typeof bodyMaker>>[0],
  n: number,
  tag: string,
  makeBody: ReturnType<typeof bodyMaker>,
): Promise<void> {
  const { seq, requestId } = ctx.nextRequestId();
  const idempotencyKey = o.idempotencyKey ? ctx.expand(o.idempotencyKey, n) : undefined;
  const startedAt = Date.now();
  const answer = await ctx.gateway.call({
    consumer: target.consumer,
    serviceId: target.serviceId,
    operationId: target.operationId,
    body: makeBody(target, seq),
    requestId,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    respondAsync: o.respondAsync,
    timeoutMs: o.timeoutMs,
  });
  ctx.traffic.add({
    ...answer,
    tag,
    seq,
    consumer: target.consumer,
    serviceId: target.serviceId,
    operationId: target.operationId,
    requestId,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    startedAt,
  });
}
