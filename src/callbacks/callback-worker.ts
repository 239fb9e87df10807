import { Worker, type Job } from 'bullmq';
import type { AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/schema';
import { SIGNATURE_HEADER, signBody } from './callback-notice';
import { CALLBACK_QUEUE, type CallbackJobData } from './callback-queue';

/** Delivers callbacks: a signed POST, retried with backoff until the consumer answers 2xx. */
export class CallbackWorker {
  private readonly worker: Worker<CallbackJobData>;

  constructor(deps: { connection: Redis; prefix: string; http: AxiosInstance; settings: GatewaySettings['callbacks']; logger: Logger }) {
    const { http, settings, logger } = deps;
    this.worker = new Worker<CallbackJobData>(
      CALLBACK_QUEUE,
      async (job: Job<CallbackJobData>) => {
        const body = JSON.stringify(job.data.notice);
        const res = await http.post(job.data.url, body, {
          headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signBody(body, settings.signingKey), 'X-Request-Id': job.data.notice.requestId },
          signal: AbortSignal.timeout(settings.timeoutMs),
          validateStatus: () => true,
          responseType: 'text',
        });
        if (res.status < 200 || res.status >= 300) throw new Error(`callback to ${job.data.consumer} answered HTTP ${res.status}`);
      },
      { connection: deps.connection, prefix: deps.prefix, concurrency: settings.concurrency },
    );
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
