import type { MockReply } from '../protocols/mock-service';

export const IDEMPOTENCY_CAPACITY = 100_000;

/**
 * Answers a repeated `Idempotency-Key` (per service) with the first answer, without running the work again.
 * The answer is kept as a promise, so a repeat that arrives while the first is still running waits for it.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, Promise<MockReply>>();

  constructor(private readonly capacity = IDEMPOTENCY_CAPACITY) {}

  async run(
    serviceId: string,
    key: string | null,
    work: () => Promise<MockReply> | MockReply,
  ): Promise<{ reply: MockReply; duplicate: boolean }> {
    if (key === null) return { reply: await work(), duplicate: false };
    const slot = `${serviceId}\u0000${key}`;
    const stored = this.answers.get(slot);
    if (stored !== undefined) return { reply: await stored, duplicate: true };
    const pending = Promise.resolve().then(work);
    this.answers.set(slot, pending);
    this.evictOldest();
    try {
      return { reply: await pending, duplicate: false };
    } catch (err) {
      this.answers.delete(slot);
      throw err;
    }
  }

  clear(): void {
    this.answers.clear();
  }

  private evictOldest(): void {
    if (this.answers.size <= this.capacity) return;
    const oldest = this.answers.keys().next();
    if (oldest.done !== true) this.answers.delete(oldest.value);
  }
}
