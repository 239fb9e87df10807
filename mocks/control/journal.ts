import { RingBuffer } from './ring-buffer';

/** What a provider received: one item per request that reached its business logic. */
export interface JournalItem {
  readonly serviceId: string;
  readonly operationId: string;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  readonly receivedAt: string;
}

export interface JournalView {
  readonly total: number;
  readonly duplicates: number;
  readonly items: JournalItem[];
}

export const JOURNAL_CAPACITY = 100_000;

/** Keeps the last items in memory; totals and duplicate counts cover everything since the last clear. */
export class Journal {
  private readonly items: RingBuffer<JournalItem>;
  private readonly totals = new Map<string, number>();
  private readonly duplicates = new Map<string, number>();

  constructor(capacity = JOURNAL_CAPACITY) {
    this.items = new RingBuffer(capacity);
  }

  record(item: JournalItem): void {
    this.items.push(item);
    this.totals.set(item.serviceId, (this.totals.get(item.serviceId) ?? 0) + 1);
  }

  /** A request answered from the idempotency store: counted, not journaled again. */
  countDuplicate(serviceId: string): void {
    this.duplicates.set(serviceId, (this.duplicates.get(serviceId) ?? 0) + 1);
  }

  /** Newest last; `limit` keeps only the newest items. */
  view(serviceId?: string, limit?: number): JournalView {
    const sum = (counts: Map<string, number>): number =>
      serviceId === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(serviceId) ?? 0);
    let items = this.items.toArray();
    if (serviceId !== undefined) items = items.filter((item) => item.serviceId === serviceId);
    if (limit !== undefined) items = items.slice(Math.max(0, items.length - limit));
    return { total: sum(this.totals), duplicates: sum(this.duplicates), items };
  }

  clear(): void {
    this.items.clear();
    this.totals.clear();
    this.duplicates.clear();
  }
}
