import { throwawayPrefix } from '../../src/infra/throwaway-prefix';

/**
 * A fresh Redis key prefix per bench run, so a bench can share a Redis (even a developer's or
 * the test suite's) without touching anyone else's keys; deletePrefixKeys removes it after.
 */
export function benchPrefix(name: string): string {
  return throwawayPrefix('bench', name);
}
