import type { RedisClient } from '../infra/redis-connection';
import type { GatewayConfig } from '../config/schema';
import { connectionLogChain } from '../connection-log/connection-log-writer';
import { auditHeadKey, auditStreamKey, connectionLogHeadKey, connectionLogKey } from '../infra/redis-keys';
import { AUDIT_CHAIN } from './audit-keys';
import { verifyChain, type ChainReport, type ChainTarget } from './chain-verifier';

const DAY_MS = 86_400_000;

/** The audit trail and every connection's log: the chains `npm run audit:verify` checks. */
export function chainTargets(config: GatewayConfig): ChainTarget[] {
  const { keyPrefix } = config.settings.redis;
  const audit: ChainTarget = {
    chain: AUDIT_CHAIN,
    streamKey: auditStreamKey(keyPrefix),
    headKey: auditHeadKey(keyPrefix),
    retentionMs: config.settings.audit.retentionDays * DAY_MS,
  };
  const logs = config.connections.map((c) => ({
    chain: connectionLogChain(c.id),
    streamKey: connectionLogKey(keyPrefix, c.id),
    headKey: connectionLogHeadKey(keyPrefix, c.id),
    retentionMs: config.settings.connectionLog.retentionDays * DAY_MS,
  }));
  return [audit, ...logs];
}

/** Verifies every chain; the whole report, so one broken chain does not hide another. */
export async function verifyAllChains(redis: RedisClient, config: GatewayConfig, now = Date.now()): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const target of chainTargets(config)) reports.push(await verifyChain(redis, config.settings.audit.keys, target, now));
  return reports;
}

/** One line per chain, for people. */
export function describeReport(r: ChainReport): string {
  const legacy = r.legacy ? ` (and ${r.legacy} older records written before chaining)` : '';
  if (r.broken) return `BROKEN ${r.chain}: record ${r.broken.id}: ${r.broken.reason} (${r.records} records verified before it)`;
  return `ok     ${r.chain}: ${r.records} records intact${legacy}`;
}
