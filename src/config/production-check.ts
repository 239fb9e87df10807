import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultsIn, type EnvTrace } from './interpolate-env';
import { SECRET_SETTINGS, type ConfigFile, type SecretSetting } from './secret-settings';

/** One config file after `${ENV}` interpolation, with what interpolation saw. */
export interface InterpolatedFile {
  file: ConfigFile;
  tree: unknown;
  trace: EnvTrace;
}

/** A secret setting production mode refuses, and why (never its value). */
export interface SecretRefusal {
  file: ConfigFile;
  path: string;
  protects: string;
  /** The id of the consumer, connection or key the setting belongs to, if any. */
  owner?: string;
  reasons: string[];
}

export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env['NODE_ENV'] === 'production';
}

/** Values at a dotted path; `*` walks every item of a list or every value of a map. */
export function valuesAt(tree: unknown, pattern: string): Array<{ path: string; value: unknown }> {
  let found: Array<{ path: string[]; value: unknown }> = [{ path: [], value: tree }];
  for (const part of pattern.split('.')) {
    found = found.flatMap(({ path: at, value }) => {
      if (value === null || typeof value !== 'object') return [];
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      return entries.filter(([key]) => part === '*' || key === part).map(([key, v]) => ({ path: [...at, key], value: v }));
    });
  }
  return found.map((f) => ({ path: f.path.join('.'), value: f.value }));
}

/** The `${NAME:-default}` defaults of the shipped config, so a copied or edited config dir cannot hide them. */
export function shippedDefaults(
  dir: string,
  files: readonly ConfigFile[] = ['gateway.yaml', 'consumers.yaml', 'catalog.yaml'],
): Set<string> {
  const values = new Set<string>();
  for (const file of files) {
    try {
      for (const v of defaultsIn(readFileSync(path.join(dir, file), 'utf8'))) values.add(v);
    } catch {
      // A missing shipped file only means fewer known dev values; loading reports missing files.
    }
  }
  return values;
}

function reasonsFor(
  setting: SecretSetting,
  at: string,
  value: string,
  owner: string | undefined,
  trace: EnvTrace,
  devValues: ReadonlySet<string>,
): string[] {
  const reasons: string[] = [];
  if (setting.optional && value === '') return reasons;
  const unset = trace.fellBack.get(at);
  if (unset) reasons.push(`uses the shipped development default (set ${unset.join(', ')})`);
  else if (devValues.has(value)) reasons.push('equals a shipped development value');
  else if (setting.isPublishedDevValue?.(value, owner)) reasons.push('is made from a published development secret');
  if (value.length < setting.minLength) reasons.push(`is too short (${value.length} characters, at least ${setting.minLength})`);
  return reasons;
}

/**
 * Every secret setting that holds a shipped development value (taken from a `${NAME:-default}`
 * fallback or equal to any shipped default) or is shorter than its minimum. All offenders are
 * returned at once so an operator fixes the env file in one pass.
 */
export function findSecretRefusals(
  files: readonly InterpolatedFile[],
  devValues: ReadonlySet<string>,
  settings: readonly SecretSetting[] = SECRET_SETTINGS,
): SecretRefusal[] {
  const refusals: SecretRefusal[] = [];
  for (const setting of settings) {
    const file = files.find((f) => f.file === setting.file);
    if (!file) continue;
    for (const { path: at, value } of valuesAt(file.tree, setting.path)) {
      if (typeof value !== 'string') continue; // the schema reports a secret of the wrong type
      const owner = ownerOf(file.tree, at);
      const reasons = reasonsFor(setting, at, value, owner, file.trace, devValues);
      if (reasons.length === 0) continue;
      refusals.push({ file: setting.file, path: at, protects: setting.protects, reasons, ...(owner ? { owner } : {}) });
    }
  }
  return refusals;
}

export function describeRefusal(r: SecretRefusal): string {
  const owner = r.owner ? ` (${r.owner})` : '';
  return `${r.file}: ${r.path}${owner} ${r.reasons.join('; ')} — it protects ${r.protects}`;
}

/** The id of the list item a path goes through (a consumer, a connection, a key), to name it in the message. */
function ownerOf(tree: unknown, at: string): string | undefined {
  let node = tree;
  let owner: string | undefined;
  for (const key of at.split('.')) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[key];
    const id = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)['id'] : undefined;
    if (typeof id === 'string') owner = id;
  }
  return owner;
}
