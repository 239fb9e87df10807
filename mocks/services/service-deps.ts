import { nextSequence, type MockData } from '../data/mock-data';
import { dvcqgTime } from '../data/time-format';

/** What a mocked provider's handlers need: the data they serve and a clock for the records they create. */
export interface ServiceDeps {
  readonly data: MockData;
  readonly now: () => Date;
}

/** `<prefix><yyyyMMdd><n>` with a per-name counter: deterministic-looking ids for created records. */
export function datedId(deps: ServiceDeps, prefix: string, width = 6): string {
  const day = dvcqgTime(deps.now()).slice(0, 8);
  return `${prefix}${day}${String(nextSequence(deps.data, prefix)).padStart(width, '0')}`;
}

export function recordSubmission(deps: ServiceDeps, serviceId: string, id: string, payload: unknown): void {
  deps.data.submissions.push({ id, serviceId, payload });
}
