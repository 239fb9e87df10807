import { CONNECTOR_MAP } from '../../connectors';
import { devCallbackKey } from '../../mocks/callbacks/callback-keys';
import { callbackKeysOf, CallbackTargets } from '../../src/callbacks/callback-targets';
import { loadConfig } from '../../src/config/load-config';
import { consumerSchema, gatewaySettingsSchema } from '../../src/config/schema';

const HASH = 'scrypt$16384$8$1$f9QXGKLul/OxyEEaMeC1Rw==$jnsFRKfTo5NT7htNGRMorIqfCA2gBQpj/yuxTmFIxmA=';
const KEY = 'k'.repeat(32);
const consumer = (extra: Record<string, unknown>) => ({ id: 'mot-cua', name: 'Một cửa', role: 'consumer', secretHash: HASH, ...extra });
const problems = (value: unknown) => {
  const result = consumerSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('consumer callback settings', () => {
  it('a callbackUrl needs a signing key of its consumer', () => {
    expect(problems(consumer({ callbackUrl: 'https://mot-cua.example/cb' }))).toEqual([
      'callbackSigningKey: is required beside callbackUrl (callbacks are signed per consumer)',
    ]);
    expect(problems(consumer({ callbackUrl: 'https://mot-cua.example/cb', callbackSigningKey: KEY }))).toEqual([]);
  });

  it('a key shorter than 32 characters, two forms at once, or a ring with a repeated id are refused', () => {
    expect(problems(consumer({ callbackUrl: 'https://x.example/cb', callbackSigningKey: 'short' }))).toEqual([
      'callbackSigningKey: must be at least 32 characters',
    ]);
    expect(problems(consumer({ callbackSigningKey: KEY, callbackSigningKeys: [{ id: 'a', key: KEY }] }))).toEqual([
      'callbackSigningKeys: give callbackSigningKey or callbackSigningKeys, not both',
    ]);
    expect(
      problems(
        consumer({
          callbackSigningKeys: [
            { id: 'a', key: KEY },
            { id: 'a', key: KEY },
          ],
        }),
      ),
    ).toEqual(['callbackSigningKeys: key ids must be unique']);
  });

  it('a ring of keys signs with every key; a consumer without a URL gets no callbacks', () => {
    const ring = consumerSchema.parse(
      consumer({
        callbackUrl: 'https://x.example/cb',
        callbackSigningKeys: [
          { id: 'new', key: 'n'.repeat(32) },
          { id: 'old', key: KEY },
        ],
      }),
    );
    expect(callbackKeysOf(ring)).toEqual(['n'.repeat(32), KEY]);
    const keyOnly = consumerSchema.parse({ ...consumer({ callbackSigningKey: KEY }), id: 'qlvb' });
    const targets = new CallbackTargets([ring, keyOnly]);
    expect(targets.get('mot-cua')?.url.href).toBe('https://x.example/cb');
    expect(targets.get('qlvb')).toBeUndefined();
  });
});

describe('gateway callback settings', () => {
  const callbacks = gatewaySettingsSchema.shape.callbacks;
  const base = { attempts: 20, backoffMs: 1000, timeoutMs: 5000, concurrency: 32 };

  it('the signature tolerance defaults to 300 s, and the global signing key is gone', () => {
    expect(callbacks.parse(base).signatureToleranceSeconds).toBe(300);
    expect(callbacks.safeParse({ ...base, signingKey: KEY }).success).toBe(false);
  });

  it('a POST timeout as long as the tolerance is refused: the consumer would find the signature stale', () => {
    const result = callbacks.safeParse({ ...base, timeoutMs: 60_000, signatureToleranceSeconds: 60 });
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'timeoutMs: must be shorter than signatureToleranceSeconds',
    ]);
  });
});

test('the shipped config gives each consumer with a callback URL its own development key, the one the mock consumers hold', () => {
  const config = loadConfig({ env: {}, connectors: CONNECTOR_MAP });
  const withUrl = config.consumers.filter((c) => c.callbackUrl);
  expect(withUrl.map((c) => c.id).sort()).toEqual(['bao-cao', 'mot-cua', 'qlvb']);
  for (const c of withUrl) expect(callbackKeysOf(c)).toEqual([devCallbackKey(c.id)]);
  const env = { LGSP_CALLBACK_SIGNING_KEY_BAO_CAO: 'b'.repeat(44) };
  expect(callbackKeysOf(loadConfig({ env, connectors: CONNECTOR_MAP }).consumers.find((c) => c.id === 'bao-cao')!)).toEqual([
    'b'.repeat(44),
  ]);
});
