import { GatewayError } from '../errors/gateway-error';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses a JSON body with the checks JSON.parse lacks: keys that could pollute prototypes
 * are refused, and so is nesting deeper than the limit (which later serialisers choke on).
 */
export function parseSafeJson(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return v;
    });
  } catch (err) {
    if (err instanceof ForbiddenKey) throw new GatewayError('Client.BadRequest', `The key '${err.key}' is not allowed in a request body`);
    throw new GatewayError('Client.BadRequest', 'The request body is not valid JSON');
  }
  if (depthExceeds(value, maxDepth)) throw new GatewayError('Client.BadRequest', `The request body is nested deeper than ${maxDepth} levels`);
  return value;
}

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

function depthExceeds(root: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
