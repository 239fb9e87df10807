import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONFIG_DIR } from '../../src/config/load-config';
import { interpolateEnv, newEnvTrace } from '../../src/config/interpolate-env';
import { valuesAt, type InterpolatedFile } from '../../src/config/production-check';
import { SECRET_SETTINGS, type ConfigFile, type SecretSetting } from '../../src/config/secret-settings';

const FILES: readonly ConfigFile[] = ['gateway.yaml', 'consumers.yaml', 'catalog.yaml'];

/** The shipped config files interpolated with `env`, with what interpolation saw. */
export function interpolatedShippedConfig(env: NodeJS.ProcessEnv = {}, dir = DEFAULT_CONFIG_DIR): InterpolatedFile[] {
  return FILES.map((file) => {
    const trace = newEnvTrace();
    const tree = interpolateEnv(parseYaml(readFileSync(path.join(dir, file), 'utf8')), env, [], file, trace);
    return { file, tree, trace };
  });
}

/** One place in the shipped config where a secret setting takes its value from an env variable. */
export interface SecretSlot {
  setting: SecretSetting;
  path: string;
  variable: string;
  shippedDefault: string;
}

/** Every secret setting of the shipped config with the variable that sets it. */
export function secretSlots(): SecretSlot[] {
  const files = interpolatedShippedConfig();
  return SECRET_SETTINGS.flatMap((setting) => {
    const file = files.find((f) => f.file === setting.file)!;
    return valuesAt(file.tree, setting.path).flatMap(({ path: at, value }) => {
      const variable = file.trace.fellBack.get(at)?.[0];
      // An optional secret shipped empty (a Redis password) has no development value to refuse.
      if (setting.optional && value === '') return [];
      return variable && typeof value === 'string' ? [{ setting, path: at, variable, shippedDefault: value }] : [];
    });
  });
}

/** A strong value of the right shape for a slot: a scrypt-shaped hash, a 32-byte base64 key, or a long random string. */
export function strongValue(slot: SecretSlot): string {
  if (slot.path.endsWith('secretHash'))
    return `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
  if (slot.setting.minLength === 44) return randomBytes(32).toString('base64');
  return randomBytes(32).toString('base64url');
}

/** An environment in which every shipped secret is replaced by a fresh strong value. */
export function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
  for (const slot of secretSlots()) env[slot.variable] = strongValue(slot);
  return env;
}
