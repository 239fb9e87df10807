import { NETWORK_PHASES, runNetworkFaultsDrill, type NetworkDrillReport } from '../../drills/network-faults';

/**
 * The short version of `npm run drills`' network drill: latency, a bandwidth limit, resets and a
 * black hole between the gateway and the national platform, with async and sync traffic.
 */
let report: NetworkDrillReport;

beforeAll(async () => {
  report = await runNetworkFaultsDrill({ phaseMs: 1500, rate: 6, drainTimeoutMs: 60_000 });
}, 120_000);

test('every acknowledged request is delivered, each with exactly one effect at the provider', () => {
  expect(report.acknowledged).toBeGreaterThan(0);
  expect(report.phases.map((p) => p.acknowledged)).toEqual(report.phases.map((p) => p.submitted));
  expect(report).toMatchObject({ delivered: report.acknowledged, failed: 0, effects: report.acknowledged, doneTwice: 0 });
});

test('the faults were real: connections were reset and some deliveries needed another attempt', () => {
  expect(report.phases.map((p) => p.name)).toEqual(NETWORK_PHASES.map((p) => p.name));
  expect(report.proxy.resets).toBeGreaterThan(0);
  expect(report.proxy.idleCloses).toBeGreaterThan(0);
  expect(report.retried).toBeGreaterThan(0);
});

test('sync callers get typed refusals while the route is dead, and answers again once it heals', () => {
  const hole = report.phases.find((p) => p.name === 'black hole')!;
  expect(hole.syncOk).toBe(0);
  // Each call answered, typed: the connection's timeout, or its breaker once enough have failed.
  expect(Object.keys(hole.syncRefused).length).toBeGreaterThan(0);
  for (const type of Object.keys(hole.syncRefused))
    expect(['Server.Provider.Timeout', 'Server.Gateway.CircuitOpen', 'Server.Provider.Unreachable']).toContain(type);
  expect(report.phases.find((p) => p.name === 'clean again')!.syncOk).toBeGreaterThan(0);
  expect(report.phases.find((p) => p.name === 'clean')!.syncRefused).toEqual({});
});
