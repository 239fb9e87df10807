import { z } from 'zod';
import { boundSchema, Misses, oneOrMany, percentile } from '../expectations';
import { AssertionFailed } from '../scenario-types';
import { defineAssertion, withinField } from './assertion-kind';

/** `latency`: bounds on a tag's answer times as the caller measured them (ms). */
export const latencyAssertion = defineAssertion({
  kind: 'latency',
  defaultWithinMs: 0,
  schema: z.strictObject({
    tag: z.string().min(1),
    /** Only calls answered with one of these statuses. */
    status: oneOrMany(z.number().int().min(0).max(599)).optional(),
    p50: boundSchema.optional(),
    p95: boundSchema.optional(),
    p99: boundSchema.optional(),
    max: boundSchema.optional(),
    ...withinField,
  }),
  describe: (o) => `latency [${o.tag}]${o.status ? ` of ${o.status.join('/')}` : ''}`,
  async check(o, ctx) {
    const calls = ctx.traffic.calls(o.tag).filter((c) => !o.status || o.status.includes(c.status));
    if (calls.length === 0) throw new AssertionFailed(`no calls tagged '${o.tag}' answered ${o.status?.join('/')}`);
    const ms = calls.map((c) => c.latencyMs);
    const p = { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: Math.max(...ms) };
    const misses = new Misses();
    for (const key of ['p50', 'p95', 'p99', 'max'] as const) misses.bound(key, p[key], o[key]);
    misses.throwIfAny();
    return `${calls.length} calls: p50 ${Math.round(p.p50)} ms, p95 ${Math.round(p.p95)} ms, p99 ${Math.round(p.p99)} ms, max ${Math.round(p.max)} ms`;
  },
});
