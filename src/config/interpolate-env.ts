/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of a parsed YAML tree, so that
 * secrets and addresses come from the environment while the files keep safe defaults.
 * Problems (a variable without value nor default) are collected, not thrown one by one.
 */
const PATTERN = /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g;

export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  problems: string[],
  where: string,
): unknown {
  if (typeof value === 'string') {
    return value.replace(PATTERN, (_m, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push(`${where}: environment variable ${name} is not set and has no default`);
      return '';
    });
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => interpolateEnv(item, env, problems, `${where}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = interpolateEnv(item, env, problems, where ? `${where}.${key}` : key);
    }
    return out;
  }
  return value;
}
