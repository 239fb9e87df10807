import type { ScenarioContext } from './scenario-context';

export const BREAKER_STATES = ['closed', 'open', 'halfOpen'] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

interface ServiceView {
  breaker: { state: BreakerStateName; transitions: Array<{ state: BreakerStateName; at: string }> };
}

/**
 * A connection's breaker as operators see it (transitions published by every gateway and
 * worker process): the current state and the transitions since the scenario started, oldest first.
 */
export async function readBreaker(
  ctx: ScenarioContext,
  serviceId: string,
): Promise<{ state: BreakerStateName; transitions: BreakerStateName[] }> {
  const view = await ctx.gateway.admin<ServiceView>('GET', `/admin/api/services/${encodeURIComponent(serviceId)}`);
  const since = ctx.startedAt;
  const transitions = view.breaker.transitions
    .filter((t) => Date.parse(t.at) >= since)
    .reverse()
    .map((t) => t.state);
  return { state: view.breaker.state, transitions };
}
