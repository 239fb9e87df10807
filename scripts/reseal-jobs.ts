import { composeGateway, type GatewayParts } from '../src/main/compose-gateway';
import type { DeliveryJobData } from '../src/queue/delivery-job';
import { JobResealer, type ResealReport } from '../src/queue/job-resealer';
import type { Queue } from 'bullmq';

/** A pass that finds jobs moving under it leaves them to the next; past this many, someone should look. */
const MAX_PASSES = 10;

export interface ResealSummary extends Omit<ResealReport, 'alreadyCurrent'> {
  passes: number;
  /** Blobs already under the current key at the last pass. */
  current: number;
}

/**
 * Re-seals every connection's waiting, delayed, prioritized and failed jobs (and completed jobs'
 * results) under the first key of `queue.jobDataKeys`, pass after pass until a pass finds
 * nothing left to do. Idempotent: run it again at any time.
 */
export async function resealJobs(parts: GatewayParts): Promise<ResealSummary> {
  const queues = parts.catalog.listConnections().flatMap((c) => {
    const queue = parts.queues.queue(c.id);
    return queue ? [queue as Queue<DeliveryJobData>] : [];
  });
  const resealer = new JobResealer(queues, parts.redis, parts.cipher);
  const summary: ResealSummary = {
    keyId: parts.cipher.currentKeyId,
    passes: 0,
    resealed: 0,
    sealedClearResults: 0,
    current: 0,
    changedMeanwhile: 0,
    active: 0,
    unreadable: [],
  };
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const report = await resealer.run();
    Object.assign(summary, {
      passes: pass,
      current: report.alreadyCurrent,
      changedMeanwhile: report.changedMeanwhile,
      active: report.active,
      unreadable: report.unreadable,
    });
    summary.resealed += report.resealed;
    summary.sealedClearResults += report.sealedClearResults;
    if (report.resealed + report.sealedClearResults + report.changedMeanwhile === 0) break;
  }
  // Part of a key rotation: operators can prove afterwards when the old key stopped being needed.
  parts.audit.record({
    action: 'key.rotated',
    actor: 'jobs:reseal',
    target: 'queue.jobDataKeys',
    detail: {
      to: summary.keyId,
      resealed: summary.resealed,
      sealedClearResults: summary.sealedClearResults,
      active: summary.active,
      unreadable: summary.unreadable.length,
    },
  });
  return summary;
}

async function main(): Promise<void> {
  const parts = composeGateway();
  try {
    if (!(await parts.redisReady(5000))) throw new Error('Redis did not answer');
    const summary = await resealJobs(parts);
    console.log(JSON.stringify(summary, null, 2));
    if (summary.active > 0)
      console.error(`${summary.active} job(s) are running now: run again once they end, before dropping the old key.`);
    // Unreadable jobs need a person: their key left the ring too early, or they were tampered with.
    process.exitCode = summary.unreadable.length > 0 ? 1 : 0;
  } finally {
    await parts.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`jobs:reseal failed: ${(err as Error).message}`);
    process.exitCode = 1;
  });
}
