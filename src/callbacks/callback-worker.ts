import { Worker, type Job } from 'bullmq';
import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/schema';
import { CALLBACK_QUEUE, queuePrefix } from '../infra/redis-keys';
import { readCallbackJobData } from './callback-notice';
import type { CallbackSender } from './callback-sender';

/**
 * Sends the callbacks that were not taken at once (or whose sender stopped before sending):
 * a signed POST to the consumer's URL in config, retried with backoff until it answers 2xx.
 */
export class CallbackWorker {
  private readonly worker: Worker<unknown>;

  constructor(deps: {
    connection: RedisClient;
    keyPrefix: string;
    sender: CallbackSender;
    settings: GatewaySettings['callbacks'];
    logger: Logger;
  }) {
    const { sender, settings, logger } = deps;
    this.worker = new Worker<unknown>(CALLBACK_QUEUE, (job: Job<unknown>) => sendJob(job, sender, logger), {
      connection: deps.connection,
      prefix: queuePrefix(deps.keyPrefix, CALLBACK_QUEUE),
      concurrency: settings.concurrency,
    });
    this.worker.on('failed', (job, err) => {
      const callback = readCallbackJobData(job?.data);
      logger.warn({ consumer: callback?.consumer, jobId: callback?.notice.jobId, attempt: job?.attemptsMade, err }, 'callback not taken');
    });
    this.worker.on('error', (err) => logger.warn({ err }, 'callback worker error'));
  }

  waitUntilReady(): Promise<unknown> {
    return this.worker.waitUntilReady();
  }

  close(force = false): Promise<void> {
    return this.worker.close(force);
  }
}

/** Job data is read from Redis, so it is checked, and only its consumer id and notice are used: never a URL found in it. */
async function sendJob(job: Job<unknown>, sender: CallbackSender, logger: Logger): Promise<void> {
  const callback = readCallbackJobData(job.data);
  if (!callback) {
    logger.warn({ callbackJobId: job.id }, 'callback job is not a notice; dropped');
    return;
  }
  if (!(await sender.send(callback)))
    logger.warn({ consumer: callback.consumer, jobId: callback.notice.jobId }, 'consumer has no callback URL any more; notice dropped');
}
