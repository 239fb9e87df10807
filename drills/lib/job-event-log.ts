import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';

/** One BullMQ event of a job, timed by Redis (its stream entry's id). */
export interface JobEvent {
  kind: 'active' | 'stalled' | 'completed' | 'failed';
  jobId: string;
  at: number;
}

/**
 * Every active, stalled, completed and failed event of one queue, from any worker process, read
 * from the queue's event stream: what the queue itself recorded, not what a worker says it did.
 */
export interface JobEventLog {
  events(jobId?: string): JobEvent[];
  count(kind: JobEvent['kind'], jobId: string): number;
  close(): Promise<void>;
}

export async function watchJobEvents(queueName: string, prefix: string, redisUrl: string): Promise<JobEventLog> {
  // Its own connection: QueueEvents blocks on it.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueEvents = new QueueEvents(queueName, { connection, prefix });
  const seen: JobEvent[] = [];
  // A stream id is "<ms>-<seq>": the Redis clock when the event was written.
  const at = (id: string): number => Number(id.split('-')[0]);
  for (const kind of ['active', 'stalled', 'completed', 'failed'] as const)
    queueEvents.on(kind, (args: { jobId: string }, id: string) => seen.push({ kind, jobId: args.jobId, at: at(id) }));
  await queueEvents.waitUntilReady();
  return {
    events: (jobId) => (jobId === undefined ? [...seen] : seen.filter((e) => e.jobId === jobId)),
    count: (kind, jobId) => seen.filter((e) => e.kind === kind && e.jobId === jobId).length,
    async close() {
      await queueEvents.close();
      connection.disconnect();
    },
  };
}
