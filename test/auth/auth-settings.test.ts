import { Redis } from 'ioredis';
import { CONNECTOR_MAP } from '../../connectors';
import type { AuditEvent } from '../../src/audit/audit-event';
import { noticeSigningKey } from '../../src/auth/signing-key-notice';
import { ConfigError, loadConfig } from '../../src/config/load-config';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeConfigCopy(dir);
});

function authOf(env: NodeJS.ProcessEnv, edit: (text: string) => string = (t) => t) {
  const dir = copyConfig((file, text) => (file === 'gateway.yaml' ? edit(text) : text));
  dirs.push(dir);
  return loadConfig({ dir, env, connectors: CONNECTOR_MAP }).settings;
}

function problemsOf(edit: (text: string) => string): readonly string[] {
  try {
    authOf({}, edit);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the config was accepted');
}

test('the shipped auth settings: one development key, issuer, audience, a revocation refresh bound, no proxy trusted', () => {
  const settings = authOf({});
  expect(settings.auth.signingKeys).toEqual([{ id: 'dev-1', key: 'dev-only-signing-key-replace-in-production-0123456789' }]);
  expect(settings.auth).toMatchObject({ issuer: 'lgsp-bac-giang', audience: 'lgsp-bac-giang-api', revocationRefreshMs: 5000 });
  expect(settings.server.trustProxy).toBe(false);
});

test('the key ring, issuer, audience and trusted proxies come from the environment', () => {
  const key = 'k'.repeat(44);
  const settings = authOf({
    LGSP_TOKEN_KEY_ID: '2026-11',
    LGSP_TOKEN_SIGNING_KEY: key,
    LGSP_TOKEN_ISSUER: 'lgsp-x',
    LGSP_TRUST_PROXY: '10.0.0.1, loopback',
  });
  expect(settings.auth.signingKeys).toEqual([{ id: '2026-11', key }]);
  expect(settings.auth.issuer).toBe('lgsp-x');
  expect(settings.server.trustProxy).toBe('10.0.0.1, loopback');
  expect(authOf({ LGSP_TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
  expect(authOf({ LGSP_TRUST_PROXY: 'true' }).server.trustProxy).toBe(true);
});

test('a key ring with a repeated id, a short key or no key at all is refused at boot', () => {
  const twice = (text: string): string => text.replace(/( {2}signingKeys:\n)((?: {4}.*\n){2})/, '$1$2$2');
  expect(problemsOf(twice)).toEqual(expect.arrayContaining([expect.stringMatching(/auth\.signingKeys.*unique/)]));
  const short = (text: string): string => text.replace('dev-only-signing-key-replace-in-production-0123456789', 'short');
  expect(problemsOf(short)).toEqual(expect.arrayContaining([expect.stringMatching(/auth\.signingKeys\.0\.key.*32/)]));
  const none = (text: string): string => text.replace(/( {2}signingKeys:)\n(?: {4}.*\n){2}/, '$1 []\n');
  expect(problemsOf(none)).toEqual(expect.arrayContaining([expect.stringMatching(/auth\.signingKeys/)]));
});

test('a new signing key id at start is recorded once as key.rotated, by the first process to start with it', async () => {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = testPrefix('signing-key-notice');
  const events: AuditEvent[] = [];
  const audit = { record: (e: AuditEvent) => void events.push(e) };
  try {
    expect(await noticeSigningKey(redis, prefix, 'k1', audit)).toBe(true);
    expect(await noticeSigningKey(redis, prefix, 'k1', audit)).toBe(false);
    expect(await noticeSigningKey(redis, prefix, 'k2', audit)).toBe(true);
    expect(events).toEqual([
      { action: 'key.rotated', actor: null, target: 'auth.signingKeys', detail: { from: null, to: 'k1' } },
      { action: 'key.rotated', actor: null, target: 'auth.signingKeys', detail: { from: 'k1', to: 'k2' } },
    ]);
  } finally {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
});
