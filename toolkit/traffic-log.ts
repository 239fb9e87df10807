import type { CallAnswer } from './gateway-client';
import { AssertionFailed } from './scenario-types';

/** One call a scenario sent, and what the gateway answered. */
export interface CallRecord extends CallAnswer {
  tag: string;
  seq: number;
  consumer: string;
  serviceId: string;
  operationId: string;
  requestId: string;
  idempotencyKey?: string;
  startedAt: number;
}

/**
 * The calls of one scenario run, by tag. Request ids and idempotency keys carry the run id, so
 * assertions on shared records (journal, connection log) count only this run's.
 */
export class TrafficLog {
  private readonly records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  /** The calls of a tag (every call of the scenario when no tag); an unknown tag is a failure. */
  calls(tag?: string): CallRecord[] {
    if (tag === undefined) return [...this.records];
    const found = this.records.filter((r) => r.tag === tag);
    if (found.length === 0) {
      const known = [...new Set(this.records.map((r) => r.tag))].join(', ') || 'none yet';
      throw new AssertionFailed(`no calls tagged '${tag}' were sent (tags so far: ${known})`);
    }
    return found;
  }

  /** Distinct jobs of a tag, each with the consumer who may read it. */
  jobs(tag?: string): Array<{ jobId: string; consumer: string }> {
    const jobs = new Map<string, string>();
    for (const r of this.calls(tag)) if (r.jobId) jobs.set(r.jobId, r.consumer);
    return [...jobs].map(([jobId, consumer]) => ({ jobId, consumer }));
  }

  /** Ids that identify this tag's traffic at the provider and in the connection log. */
  identities(tag?: string): { requestIds: Set<string>; keys: Set<string> } {
    const calls = this.calls(tag);
    const keys = new Set<string>();
    for (const r of calls) {
      if (r.idempotencyKey) keys.add(r.idempotencyKey);
      if (r.jobId) keys.add(r.jobId);
    }
    return { requestIds: new Set(calls.map((r) => r.requestId)), keys };
  }
}
