import { z } from 'zod';
import { countSchema, Misses, tally } from '../expectations';
import type { ScenarioContext } from '../scenario-context';
import { defineAssertion, withinField } from './assertion-kind';

interface LogItem {
  requestId: string;
  serviceId: string;
  outcome: 'success' | 'failure';
  errorType: string | null;
}

const MAX_PAGES = 50;

/**
 * A count, or `calls`: as many as the tag's calls (`success`) or the connections they went to
 * (`servicesWithSuccess`), so a scenario over every connection does not restate the catalog's size.
 */
const countOrCalls = z.union([countSchema, z.literal('calls')]);

/** This scenario's records in the operators' connection log (one per exchange attempt). */
async function readLog(ctx: ScenarioContext, service: string | undefined): Promise<LogItem[]> {
  const items: LogItem[] = [];
  const params = new URLSearchParams({ from: new Date(ctx.startedAt - 1000).toISOString(), limit: '1000' });
  if (service) params.set('serviceId', service);
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await ctx.gateway.admin<{ items: LogItem[]; nextCursor: string | null }>(
      'GET',
      `/admin/api/connections?${params.toString()}`,
    );
    items.push(...res.items);
    if (!res.nextCursor) break;
    params.set('cursor', res.nextCursor);
  }
  return items;
}

/** `connectionLog`: counts of this scenario's (or a tag's) exchange records by outcome and error type. */
export const connectionLogAssertion = defineAssertion({
  kind: 'connectionLog',
  defaultWithinMs: 3000,
  schema: z.strictObject({
    /** One connection; all of them when absent. */
    service: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    total: countSchema.optional(),
    success: countOrCalls.optional(),
    failure: countSchema.optional(),
    byErrorType: z.record(z.string(), countSchema).optional(),
    /** Connections with at least one successful record. */
    servicesWithSuccess: countOrCalls.optional(),
    ...withinField,
  }),
  describe: (o) => `connection log ${o.service ?? 'all connections'}${o.tag ? ` [${o.tag}]` : ''}`,
  async check(o, ctx) {
    const { requestIds } = ctx.traffic.identities(o.tag);
    const records = (await readLog(ctx, o.service)).filter((r) => requestIds.has(r.requestId));
    const success = records.filter((r) => r.outcome === 'success');
    const errors = tally(records.flatMap((r) => (r.errorType ? [r.errorType] : [])));
    const misses = new Misses();
    misses.count('records', records.length, o.total);
    const calls = ctx.traffic.calls(o.tag);
    misses.count('success records', success.length, o.success === 'calls' ? calls.length : o.success);
    misses.count('failure records', records.length - success.length, o.failure, `errors ${errors}`);
    for (const [type, expected] of Object.entries(o.byErrorType ?? {}))
      misses.count(`${type} records`, records.filter((r) => r.errorType === type).length, expected, errors);
    const services = new Set(success.map((r) => r.serviceId));
    misses.count(
      'connections with a success',
      services.size,
      o.servicesWithSuccess === 'calls' ? new Set(calls.map((c) => c.serviceId)).size : o.servicesWithSuccess,
    );
    misses.throwIfAny();
    return `${records.length} records: ${success.length} success, ${records.length - success.length} failure${errors !== 'none' ? ` (${errors})` : ''}; ${services.size} connections answered`;
  },
});
