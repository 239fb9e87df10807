import { GatewayError } from '../errors/gateway-error';

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * Parses a JSON body with the checks JSON.parse lacks: keys that could pollute prototypes
 * are refused, and so is nesting deeper than the limit (which later serialisers choke on).
 * JSON.parse makes `__proto__` an own key like any other, so one walk over the result finds
 * both (a reviver would do the same work through a call per value).
 */
export function parseSafeJson(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError('Client.BadRequest', 'The request body is not valid JSON');
  }
  const problem = inspect(value, maxDepth);
  if (problem === 'depth') throw new GatewayError('Client.BadRequest', `The request body is nested deeper than ${maxDepth} levels`);
  if (problem) throw new GatewayError('Client.BadRequest', `The key '${problem}' is not allowed in a request body`);
  return value;
}

/** The first forbidden key, 'depth' when nesting goes past the limit, or null. */
function inspect(root: unknown, maxDepth: number): string | null {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return 'depth';
    if (!Array.isArray(value)) {
      const key = FORBIDDEN_KEYS.find((k) => Object.hasOwn(value, k));
      if (key) return key;
    }
    for (const child of Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return null;
}
