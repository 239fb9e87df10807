import { execFile } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { CONNECTOR_MAP } from '../../connectors';
import { RedisAuditSink } from '../../src/audit/redis-audit-sink';
import { loadConfig } from '../../src/config/load-config';
import type { GatewayConfig } from '../../src/config/schema';
import { ConnectionLogWriter } from '../../src/connection-log/connection-log-writer';
import { auditStreamKey, connectionLogKey } from '../../src/infra/redis-keys';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const ROOT = path.resolve(__dirname, '../..');
const prefix = testPrefix('audit-verify');
const env = { ...process.env, LGSP_KEY_PREFIX: prefix };
let redis: Redis;
let config: GatewayConfig;

/** `npm run audit:verify` as an operator runs it (through npm, so the package script is what is checked), against this test's keys. */
function auditVerify(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

function exchange(i: number): ExchangeRecord {
  const at = new Date().toISOString();
  return {
    requestId: `req-${i}`,
    jobId: null,
    consumer: 'mot-cua',
    serviceId: 'bhxh',
    operationId: 'tra-cuu-thong-tin',
    direction: 'ngsp',
    mode: 'sync',
    attempt: 1,
    startedAt: at,
    durationMs: 3,
    httpStatus: 200,
    outcome: 'success',
    errorType: null,
    providerCode: null,
    requestInTs: at,
    requestOutTs: at,
    responseInTs: at,
    responseOutTs: at,
    requestBytes: 1,
    responseBytes: 1,
  };
}

beforeAll(async () => {
  config = loadConfig({ env, connectors: CONNECTOR_MAP });
  redis = new Redis(config.settings.redis.url);
  const { keys, retentionDays } = config.settings.audit;
  const audit = new RedisAuditSink(redis, pino({ level: 'silent' }), { keyPrefix: prefix, keys, retentionDays });
  for (let i = 0; i < 5; i++) audit.record({ action: 'login.success', actor: 'van-hanh', source: '127.0.0.1' });
  audit.record({ action: 'dead-letters.replayed', actor: 'van-hanh', target: 'bhxh', detail: { replayed: ['bhxh.1'], notFound: [] } });
  await audit.close();
  const log = new ConnectionLogWriter(redis, pino({ level: 'silent' }), {
    keyPrefix: prefix,
    retentionDays: config.settings.connectionLog.retentionDays,
    keys,
  });
  for (let i = 0; i < 8; i++) log.write(exchange(i));
  await log.close();
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

test('audit:verify proves the audit trail and every connection log intact (exit 0)', async () => {
  const { code, stdout } = await auditVerify();
  expect(stdout).toContain('ok     audit: 6 records intact');
  expect(stdout).toContain('ok     log:svc:bhxh: 8 records intact');
  expect(stdout).toContain(`all ${config.connections.length + 1} chains intact`);
  expect(code).toBe(0);
}, 60_000);

test('audit:verify names the first broken record of each tampered chain (exit 1)', async () => {
  const audit = await redis.xrange(auditStreamKey(prefix), '-', '+');
  const log = await redis.xrange(connectionLogKey(prefix, 'bhxh'), '-', '+');
  // One audit record altered in place (the stream rebuilt with the same ids), one exchange record deleted.
  await redis.del(auditStreamKey(prefix));
  for (const [id, fields] of audit)
    await redis.xadd(auditStreamKey(prefix), id, ...fields.map((v) => (id === audit[2]![0] ? v.replace('127.0.0.1', '10.9.9.9') : v)));
  await redis.xdel(connectionLogKey(prefix, 'bhxh'), log[3]![0]);
  const { code, stdout } = await auditVerify();
  expect(stdout).toContain(`BROKEN audit: record ${audit[2]![0]}: the record was altered`);
  expect(stdout).toContain(`BROKEN log:svc:bhxh: record ${log[4]![0]}: the record before it (${log[3]![0]}) was deleted`);
  expect(stdout).toContain(`2 of ${config.connections.length + 1} chains are broken`);
  expect(code).toBe(1);
}, 60_000);
