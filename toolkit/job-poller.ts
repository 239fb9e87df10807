import type { JobView } from './gateway-client';
import { mapLimit, pollUntil } from './poll';
import type { ScenarioContext } from './scenario-context';

const SETTLED = new Set(['completed', 'failed']);

/**
 * Polls a tag's jobs (as the consumers that submitted them) until every one is completed or
 * failed, or the timeout passes. Returns the last view of each job either way.
 */
export async function pollJobs(
  ctx: ScenarioContext,
  tag: string | undefined,
  timeoutMs: number,
): Promise<{ settled: boolean; views: JobView[] }> {
  const jobs = ctx.traffic.jobs(tag);
  const views = new Map<string, JobView>();
  const settled = await pollUntil(
    async () => {
      const pending = jobs.filter((j) => !SETTLED.has(views.get(j.jobId)?.status ?? ''));
      await mapLimit(pending, 16, async (j) => views.set(j.jobId, await ctx.gateway.job(j.consumer, j.jobId)));
      return jobs.every((j) => SETTLED.has(views.get(j.jobId)?.status ?? ''));
    },
    { timeoutMs, intervalMs: 250, signal: ctx.signal },
  );
  return { settled, views: jobs.map((j) => views.get(j.jobId) ?? { jobId: j.jobId, status: 'unknown', attempts: 0 }) };
}
