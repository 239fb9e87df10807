import type { z } from 'zod';
import type { PathKey } from './yaml-locator';

/** A problem in a scenario file, at a path of its YAML. */
export interface Problem {
  path: PathKey[];
  /** Set when the problem is a key of the map at `path` (an unknown key). */
  key?: string;
  message: string;
}

/**
 * Reads `{ <kind>: <options> }`: exactly one key, naming an entry of the table. Used for steps
 * (`- call: {…}`) and assertions (`assert: { jobs: {…} }`), so both dispatch the same way.
 */
export function readTagged<T>(
  raw: unknown,
  table: ReadonlyMap<string, T>,
  path: PathKey[],
  what: string,
  problems: Problem[],
): { kind: string; entry: T; value: unknown } | undefined {
  const known = [...table.keys()].join(', ');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path, message: `a ${what} is a map with one key naming its kind (${known})` });
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    problems.push({
      path,
      message: `a ${what} has exactly one key naming its kind, found ${keys.length ? keys.join(', ') : 'none'} (known: ${known})`,
    });
    return undefined;
  }
  const kind = keys[0] as string;
  const entry = table.get(kind);
  if (!entry) {
    problems.push({ path, key: kind, message: `unknown ${what} kind '${kind}' (known: ${known})` });
    return undefined;
  }
  return { kind, entry, value: (raw as Record<string, unknown>)[kind] };
}

/** Validates with a zod schema and turns its issues into problems at full paths. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, path: PathKey[], problems: Problem[]): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [...path, ...issue.path.filter((k): k is PathKey => typeof k !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: at, key, message: `unknown key '${key}'` });
    } else {
      problems.push({ path: at, message: issue.message });
    }
  }
  return undefined;
}
