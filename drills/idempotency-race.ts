import { startDrillStack, waitForJobs } from './lib/drill-stack';

/**
 * Many submissions of one request at once, with one Idempotency-Key (a provincial system that
 * retries on its own timeout while the first try is still in flight): one job, one effect at the
 * provider, every caller told the same job. The same key with another body is refused 422
 * (IETF Idempotency-Key draft); the drill changes `trichYeu` (dvcqg-ho-so's summary field).
 */
export interface IdempotencyRaceReport {
  concurrent: number;
  answers: Record<string, number>;
  distinctJobIds: number;
  delivered: number;
  effects: number;
  otherBody: { status: number; type: string };
}

export async function runIdempotencyRaceDrill(opts: { concurrent: number; rounds?: number }): Promise<IdempotencyRaceReport[]> {
  const stack = await startDrillStack('idempotency');
  const reports: IdempotencyRaceReport[] = [];
  try {
    const headers = await stack.headersFor('mot-cua');
    const body = await stack.example('mot-cua', 'dvcqg-ho-so', 'dong-bo-ho-so');
    for (let round = 0; round < (opts.rounds ?? 1); round++) {
      const key = `race-${round}-${Date.now()}`;
      const before = (await stack.journal('dvcqg-ho-so')).items.filter((i) => i.idempotencyKey === key).length;
      const answers = await Promise.all(
        Array.from({ length: opts.concurrent }, () =>
          stack.api.post('/api/v1/services/dvcqg-ho-so/dong-bo-ho-so', body, { headers: { ...headers, 'idempotency-key': key } }),
        ),
      );
      const byStatus: Record<string, number> = {};
      for (const a of answers) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
      const jobIds = [...new Set(answers.filter((a) => a.status === 202 || a.status === 200).map((a) => String(a.data.jobId)))];
      const ended = await waitForJobs(stack, 'mot-cua', jobIds, 30_000);
      const journal = await stack.journal('dvcqg-ho-so');
      const other = await stack.api.post(
        '/api/v1/services/dvcqg-ho-so/dong-bo-ho-so',
        { ...(body as Record<string, unknown>), trichYeu: 'Một nội dung khác cho cùng khoá' },
        { headers: { ...headers, 'idempotency-key': key } },
      );
      reports.push({
        concurrent: opts.concurrent,
        answers: byStatus,
        distinctJobIds: jobIds.length,
        delivered: [...ended.values()].filter((e) => e.status === 'completed').length,
        effects: journal.items.filter((i) => i.idempotencyKey === key).length - before,
        otherBody: { status: other.status, type: String(other.headers['x-lgsp-error'] ?? other.data?.type ?? '') },
      });
    }
    return reports;
  } finally {
    await stack.close();
  }
}
