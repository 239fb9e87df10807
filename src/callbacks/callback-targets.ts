import type { ConsumerConfig } from '../config/schema';

/** Where a consumer's callbacks go and the keys that sign them (every key signs: `v1` per key). */
export interface CallbackTarget {
  readonly url: URL;
  readonly keys: readonly string[];
}

/** A consumer's callback keys: the ring when it lists one (rotation), else its single key. */
export function callbackKeysOf(consumer: Pick<ConsumerConfig, 'callbackSigningKey' | 'callbackSigningKeys'>): string[] {
  if (consumer.callbackSigningKeys) return consumer.callbackSigningKeys.map((k) => k.key);
  return consumer.callbackSigningKey ? [consumer.callbackSigningKey] : [];
}

/**
 * The consumers' callback endpoints and keys from the loaded config: the only place a
 * callback's URL comes from. Looked up when a notice is sent, never stored beside it.
 */
export class CallbackTargets {
  private readonly targets = new Map<string, CallbackTarget>();

  constructor(consumers: readonly ConsumerConfig[]) {
    for (const consumer of consumers) {
      const keys = callbackKeysOf(consumer);
      // The schema requires a key beside every URL; a consumer without both gets no callbacks.
      if (consumer.callbackUrl && keys.length > 0) this.targets.set(consumer.id, { url: new URL(consumer.callbackUrl), keys });
    }
  }

  /** The consumer's target, or undefined when config gives it no callback URL (now). */
  get(consumer: string): CallbackTarget | undefined {
    return this.targets.get(consumer);
  }
}
