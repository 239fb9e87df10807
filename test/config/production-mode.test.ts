import { randomBytes, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR_MAP } from '../../connectors';
import { ConfigError, ProductionSecretsError } from '../../src/config/config-error';
import { loadConfig } from '../../src/config/load-config';
import { valuesAt } from '../../src/config/production-check';
import { SECRET_SETTINGS } from '../../src/config/secret-settings';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { interpolatedShippedConfig, productionEnv, secretSlots, type SecretSlot } from '../support/production-env';

function refusalOf(env: NodeJS.ProcessEnv, dir?: string): ProductionSecretsError {
  try {
    loadConfig({ env, connectors: CONNECTOR_MAP, ...(dir ? { dir } : {}) });
  } catch (err) {
    if (err instanceof ProductionSecretsError) return err;
    throw err;
  }
  throw new Error('production mode accepted the configuration');
}

const slots = secretSlots();
const label = (s: SecretSlot): string => `${s.setting.file}: ${s.path} (${s.variable})`;

test('the shipped config has the secrets production mode must guard', () => {
  const variables = slots.map((s) => s.variable);
  expect(variables).toEqual(
    expect.arrayContaining([
      'NGSP_CONSUMER_SECRET',
      'DVCQG_PASSWORD',
      'VXP_SECRET',
      'C06_SECRET',
      'C06_API_KEY',
      'LGSP_ACCESS_KEY',
      'LGSP_SECRET_KEY',
      'DVCQG_PAYMENT_SECRET',
      'LGSP_SECRET_HASH_MOT_CUA',
      'LGSP_SECRET_HASH_VAN_HANH',
    ]),
  );
  expect(slots.length).toBeGreaterThanOrEqual(15);
});

test('every secret-looking setting of the shipped config is listed in secret-settings.ts', () => {
  const NOT_SECRET = new Set(['consumerKey', 'keyPrefix']);
  const secretLooking = /(secret|password|key|hash|bimat)$/i;
  const unlisted: string[] = [];
  for (const { file, tree } of interpolatedShippedConfig()) {
    const listed = new Set(SECRET_SETTINGS.filter((s) => s.file === file).flatMap((s) => valuesAt(tree, s.path).map((v) => v.path)));
    const walk = (node: unknown, at: string[]): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const here = [...at, key];
        if (typeof value === 'string' && secretLooking.test(key) && !NOT_SECRET.has(key) && !listed.has(here.join('.')))
          unlisted.push(`${file}: ${here.join('.')}`);
        walk(value, here);
      }
    };
    walk(tree, []);
  }
  expect(unlisted).toEqual([]);
});

describe('development is unchanged', () => {
  test.each([{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }])('with %p the shipped dev secrets load', (env) => {
    expect(loadConfig({ env, connectors: CONNECTOR_MAP }).consumers).toHaveLength(4);
  });
});

test('production mode accepts a fully set environment', () => {
  const config = loadConfig({ env: productionEnv(), connectors: CONNECTOR_MAP });
  expect(config.connections).toHaveLength(CONNECTOR_MAP.size);
});

test('production mode on the shipped values names every offending setting in one message, with exit status 78', () => {
  const err = refusalOf({ NODE_ENV: 'production' });
  expect(err).toBeInstanceOf(ConfigError);
  expect(err.exitCode).toBe(78);
  expect(err.settings).toHaveLength(slots.length);
  for (const slot of slots) {
    expect(err.settings).toContain(`${slot.setting.file}: ${slot.path}`);
    expect(err.message).toContain(slot.variable);
  }
  for (const slot of slots) expect(err.message).not.toContain(slot.shippedDefault.length >= 8 ? slot.shippedDefault : '\u0000never');
});

describe.each(slots.map((s) => [label(s), s] as const))('production mode refuses %s', (_name, slot) => {
  const strong = productionEnv();

  test('left at its shipped default', () => {
    const env = { ...strong };
    delete env[slot.variable];
    const err = refusalOf(env);
    expect(err.settings).toEqual([`${slot.setting.file}: ${slot.path}`]);
    expect(err.message).toContain(`uses the shipped development default (set ${slot.variable})`);
  });

  test('set explicitly to a shipped development value', () => {
    const err = refusalOf({ ...strong, [slot.variable]: slot.shippedDefault });
    expect(err.settings).toEqual([`${slot.setting.file}: ${slot.path}`]);
    expect(err.message).toContain('equals a shipped development value');
  });

  if (slot.setting.minLength > 1) {
    test(`shorter than ${slot.setting.minLength} characters`, () => {
      const err = refusalOf({ ...strong, [slot.variable]: 'x'.repeat(slot.setting.minLength - 1) });
      expect(err.settings).toEqual([`${slot.setting.file}: ${slot.path}`]);
      expect(err.message).toContain(`is too short (${slot.setting.minLength - 1} characters, at least ${slot.setting.minLength})`);
    });
  }
});

test('an optional secret (the Redis password) may stay empty in production, but not be short', () => {
  expect(() => loadConfig({ env: { ...productionEnv(), REDIS_PASSWORD: '' }, connectors: CONNECTOR_MAP })).not.toThrow();
  const err = refusalOf({ ...productionEnv(), REDIS_PASSWORD: 'short' });
  expect(err.settings).toEqual(['gateway.yaml: redis.password']);
  expect(err.message).toContain('is too short (5 characters, at least 8)');
});

test("a secret set to another setting's development value is refused too", () => {
  const signing = slots.find((s) => s.setting.file === 'gateway.yaml' && /^auth\./.test(s.path))!;
  const callback = slots.find((s) => s.variable === 'NGSP_CONSUMER_SECRET')!;
  const err = refusalOf({ ...productionEnv(), [signing.variable]: `${callback.shippedDefault}` });
  expect(err.settings).toContain(`gateway.yaml: ${signing.path}`);
});

test('a config copy with the dev value written in place of ${NAME:-default} is still refused', () => {
  const slot = slots.find((s) => s.variable === 'VXP_SECRET')!;
  const dir = copyConfig((file, text) => (file === 'gateway.yaml' ? text.replace(/\$\{VXP_SECRET:-([^}]*)\}/, '$1') : text));
  try {
    const err = refusalOf(productionEnv(), dir);
    expect(err.settings).toEqual([`gateway.yaml: ${slot.path}`]);
    expect(err.message).toContain('equals a shipped development value');
  } finally {
    removeConfigCopy(dir);
  }
});

test('the refusal names the consumer a refused client secret belongs to', () => {
  const env = productionEnv();
  delete env['LGSP_SECRET_HASH_VAN_HANH'];
  expect(refusalOf(env).message).toMatch(/consumers\.yaml: consumers\.\d+\.secretHash \(van-hanh\) uses the shipped development default/);
});

describe('deploy/lgsp.env.example', () => {
  const example = readFileSync(path.resolve(__dirname, '../../deploy/lgsp.env.example'), 'utf8');
  const assignments = new Map([...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

  test('lists every secret variable production mode checks', () => {
    const missing = slots.map((s) => s.variable).filter((v) => !assignments.has(v));
    expect(missing).toEqual([]);
  });

  test('holds no values', () => {
    expect([...assignments].filter(([, value]) => value !== '')).toEqual([]);
  });

  test('filled as it says, it starts production mode', () => {
    const env: NodeJS.ProcessEnv = { ...productionEnv() };
    for (const name of assignments.keys()) if (!(name in env)) env[name] = `${name.toLowerCase()}-value`;
    env['NGSP_URL'] = 'https://ngsp.example.gov.vn';
    env['PROVINCE_URL'] = 'https://lgsp.bacgiang.example.gov.vn';
    delete env['DVCQG_PAYMENT_IP'];
    expect(loadConfig({ env, connectors: CONNECTOR_MAP }).connections).toHaveLength(CONNECTOR_MAP.size);
  });
});

test('a client secret hash freshly made of the published `<id>-dev-secret` is refused', () => {
  const salt = randomBytes(16);
  const fresh = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync('qlvb-dev-secret', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
  const err = refusalOf({ ...productionEnv(), LGSP_SECRET_HASH_QLVB: fresh });
  expect(err.settings).toEqual([expect.stringMatching(/^consumers\.yaml: consumers\.\d+\.secretHash$/)]);
  expect(err.message).toContain('(qlvb) is made from a published development secret');
});
