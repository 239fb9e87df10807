import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/schema';
import type { CallbackNotice } from './callback-notice';

export const CALLBACK_QUEUE = 'callbacks';

export interface CallbackJobData {
  consumer: string;
  url: string;
  notice: CallbackNotice;
}

/**
 * Puts callbacks on their own queue, so a consumer whose endpoint is down delays only its
 * own notices and is retried until it takes them. URLs come only from config.
 */
export class CallbackQueue {
  private queue: Queue<CallbackJobData> | null = null;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly settings: GatewaySettings['callbacks'],
    private readonly urls: ReadonlyMap<string, string>,
    private readonly logger: Logger,
  ) {}

  async notify(consumer: string, notice: CallbackNotice): Promise<void> {
    const url = this.urls.get(consumer);
    if (!url) return;
    if (!this.queue) {
      this.queue = new Queue<CallbackJobData>(CALLBACK_QUEUE, { connection: this.connection, prefix: this.prefix });
      this.queue.on('error', (err) => this.logger.debug({ err: { message: err.message } }, 'callback queue error'));
    }
    await this.queue.add(
      notice.outcome,
      { consumer, url, notice },
      {
        // One notice per job outcome, even if the delivery that produced it ran twice.
        jobId: `cb.${notice.jobId}.${notice.outcome}`,
        attempts: this.settings.attempts,
        backoff: { type: 'exponential', delay: this.settings.backoffMs, jitter: 0.5 },
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 14 * 86_400, count: 50_000 },
      },
    );
  }

  async close(): Promise<void> {
    await this.queue?.close();
  }
}
