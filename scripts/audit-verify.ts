import { CONNECTOR_MAP } from '../connectors';
import { describeReport, verifyAllChains } from '../src/audit/verify-all-chains';
import { ConfigError, loadConfig } from '../src/config/load-config';
import { connectRedis, redisTarget } from '../src/infra/redis-connection';

/**
 * `npm run audit:verify`: walks the audit trail and every connection log's chain, proves each
 * intact or names the first broken record. Exit 0 when all are intact, 1 when one is broken,
 * 2 when it could not check (config or Redis).
 */
async function main(): Promise<number> {
  const config = loadConfig({ env: process.env, connectors: CONNECTOR_MAP });
  const redis = connectRedis(redisTarget(config.settings.redis), 'tool', { lazyConnect: true });
  try {
    await redis.connect();
    const reports = await verifyAllChains(redis, config);
    for (const r of reports) console.log(describeReport(r));
    const broken = reports.filter((r) => r.broken);
    console.log(broken.length ? `${broken.length} of ${reports.length} chains are broken` : `all ${reports.length} chains intact`);
    return broken.length ? 1 : 0;
  } finally {
    redis.disconnect();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `audit:verify could not check: ${(err as Error).message}`);
    process.exit(2);
  });
