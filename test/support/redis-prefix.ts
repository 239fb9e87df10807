import { deletePrefixKeys, throwawayPrefix } from '../../src/infra/throwaway-prefix';

/**
 * A fresh key prefix per test, so tests can share one Redis (even a developer's) without
 * seeing each other's queues. Only [a-z0-9-], so it is also safe in globs and job ids.
 */
export function testPrefix(name: string): string {
  return throwawayPrefix('test', name);
}

/** Removes every key under a prefix made by testPrefix() (see deletePrefixKeys, which refuses real prefixes). */
export const deleteKeys = deletePrefixKeys;
