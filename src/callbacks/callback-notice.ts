import { createHmac } from 'node:crypto';

/** What a consumer is told when one of its async requests ends; the result itself is fetched from the job. */
export interface CallbackNotice {
  jobId: string;
  requestId: string;
  serviceId: string;
  operationId: string;
  outcome: 'completed' | 'failed';
  attempts: number;
  finishedAt: string;
  statusUrl: string;
  error?: { type: string; message: string; providerCode?: string };
}

export const SIGNATURE_HEADER = 'X-LGSP-Signature';

/** `sha256=<hex HMAC of the exact body>`, as GitHub-style webhooks sign. */
export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}
