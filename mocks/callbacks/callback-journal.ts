import { RingBuffer } from '../control/ring-buffer';
import { JOURNAL_CAPACITY } from '../control/journal';
import type { SignatureRefusal } from './callback-signature-check';

/** A callback the gateway delivered to a provincial consumer, with what the consumer made of its signature. */
export interface CallbackItem {
  readonly consumerId: string;
  /** The path and query it was posted to (which of the consumer's URLs the gateway used). */
  readonly path: string;
  readonly signature: string | null;
  /** True when the signature checked out; an unverified callback was refused (401). */
  readonly verified: boolean;
  readonly refusal?: SignatureRefusal;
  readonly body: unknown;
  readonly receivedAt: string;
}

export class CallbackJournal {
  private readonly items = new RingBuffer<CallbackItem>(JOURNAL_CAPACITY);
  private total = 0;

  record(item: CallbackItem): void {
    this.items.push(item);
    this.total++;
  }

  /** Newest last; `total` counts every callback since the last clear. */
  view(consumerId?: string): { total: number; items: CallbackItem[] } {
    const all = this.items.toArray();
    if (consumerId === undefined) return { total: this.total, items: all };
    const items = all.filter((item) => item.consumerId === consumerId);
    return { total: items.length, items };
  }

  clear(): void {
    this.items.clear();
    this.total = 0;
  }
}
