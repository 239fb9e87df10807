/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of a parsed YAML tree, so that
 * secrets and addresses come from the environment while the files keep safe defaults.
 * Problems (a variable without value nor default) are collected, not thrown one by one.
 */
const PATTERN = /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g;

/**
 * What interpolation saw, for production mode: which settings took the file's shipped
 * `${NAME:-default}` (keyed by dotted path, list items by index), and every shipped default.
 */
export interface EnvTrace {
  /** Dotted path → the variables that were unset, so their shipped defaults were used. */
  readonly fellBack: Map<string, string[]>;
  /** Every `${NAME:-default}` default found, whether used or not. */
  readonly shippedDefaults: Set<string>;
}

export function newEnvTrace(): EnvTrace {
  return { fellBack: new Map(), shippedDefaults: new Set() };
}

/** Every `${NAME:-default}` default in a text (a YAML file read raw). */
export function defaultsIn(text: string): string[] {
  return [...text.matchAll(PATTERN)].flatMap((m) => (m[2] !== undefined && m[2] !== '' ? [m[2]] : []));
}

export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  problems: string[],
  where: string,
  trace?: EnvTrace,
  keys: readonly string[] = [],
): unknown {
  if (typeof value === 'string') {
    const unset: string[] = [];
    const out = value.replace(PATTERN, (_m, name: string, fallback: string | undefined) => {
      if (fallback !== undefined && fallback !== '') trace?.shippedDefaults.add(fallback);
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) {
        unset.push(name);
        return fallback;
      }
      problems.push(`${where}: environment variable ${name} is not set and has no default`);
      return '';
    });
    if (trace && unset.length > 0) trace.fellBack.set(keys.join('.'), unset);
    return out;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => interpolateEnv(item, env, problems, `${where}[${i}]`, trace, [...keys, String(i)]));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = interpolateEnv(item, env, problems, where ? `${where}.${key}` : key, trace, [...keys, key]);
    }
    return out;
  }
  return value;
}
