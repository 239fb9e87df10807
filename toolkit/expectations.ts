import { z } from 'zod';
import { AssertionFailed } from './scenario-types';

/** An expected count: exactly `n`, or a range `{min, max}`. */
export const countSchema = z.union(
  [
    z.number().int().min(0),
    z
      .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, 'give min, max or both'),
  ],
  { error: 'expected a count: a whole number ≥ 0, or { min, max }' },
);
export type Count = z.output<typeof countSchema>;

/** A latency bound in ms: a number is an upper bound; `{min, max}` bounds both ways. */
export const boundSchema = z.union(
  [
    z.number().min(0),
    z
      .strictObject({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, 'give min, max or both'),
  ],
  { error: 'expected a bound in ms: a number (the most), or { min, max }' },
);
export type Bound = z.output<typeof boundSchema>;

export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.output<T>>);

export function describeCount(c: Count): string {
  if (typeof c === 'number') return `${c}`;
  if (c.min !== undefined && c.max !== undefined) return `${c.min}..${c.max}`;
  return c.min !== undefined ? `≥ ${c.min}` : `≤ ${c.max}`;
}

export function countHolds(actual: number, c: Count): boolean {
  if (typeof c === 'number') return actual === c;
  return (c.min === undefined || actual >= c.min) && (c.max === undefined || actual <= c.max);
}

/** Collects what did not hold, so one assertion reports all its misses at once. */
export class Misses {
  private readonly items: string[] = [];

  count(label: string, actual: number, expected: Count | undefined, seen?: string): void {
    if (expected === undefined || countHolds(actual, expected)) return;
    this.items.push(`${label}: expected ${describeCount(expected)}, saw ${actual}${seen ? ` (${seen})` : ''}`);
  }

  bound(label: string, actualMs: number, expected: Bound | undefined): void {
    if (expected === undefined) return;
    const { min, max } = typeof expected === 'number' ? { min: undefined, max: expected } : expected;
    if (max !== undefined && actualMs > max) this.items.push(`${label}: expected ≤ ${max} ms, saw ${Math.round(actualMs)} ms`);
    if (min !== undefined && actualMs < min) this.items.push(`${label}: expected ≥ ${min} ms, saw ${Math.round(actualMs)} ms`);
  }

  add(message: string): void {
    this.items.push(message);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  throwIfAny(): void {
    if (this.items.length) throw new AssertionFailed(this.items.join('; '));
  }
}

/** Nearest-rank percentile of the values (0 when there are none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** "200×5, 503×2" */
export function tally(values: Iterable<string | number>): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
}
