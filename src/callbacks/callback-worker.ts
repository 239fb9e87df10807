import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/schema';
import { CALLBACK_QUEUE } from './callback-queue';
import type { CallbackJobData, CallbackSender } from './callback-sender';

/**
 * Sends the callbacks that were not taken at once (or whose sender stopped before sending):
 * a signed POST, retried with backoff until the consumer answers 2xx.
 */
export class CallbackWorker {
  private readonly worker: Worker<CallbackJobData>;

  constructor(deps: { connection: Redis; prefix: string; sender: CallbackSender; settings: GatewaySettings['callbacks']; logger: Logger }) {
    const { sender, settings, logger } = deps;
    this.worker = new Worker<CallbackJobData>(CALLBACK_QUEUE, (job: Job<CallbackJobData>) => sender.send(job.data), {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: settings.concurrency,
    });
    this.worker.on('failed', (job, err) => logger.warn({ consumer: job?.data.consumer, jobId: job?.data.notice.jobId, attempt: job?.attemptsMade, err: { message: err.message } }, 'callback not taken'));
    this.worker.on('error', (err) => logger.warn({ err: { message: err.message } }, 'callback worker error'));
  }

  waitUntilReady(): Promise<unknown> {
    return this.worker.waitUntilReady();
  }

  close(force = false): Promise<void> {
    return this.worker.close(force);
  }
}
