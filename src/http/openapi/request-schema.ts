import { z } from 'zod';
import type { JsonObject } from './json-object';

/**
 * The JSON Schema (2020-12, OpenAPI 3.1's own dialect) of what an operation accepts, from the
 * same zod schema the gateway validates with. `io: 'input'` describes what a caller sends
 * (before transforms and defaults); checks zod cannot express (refinements, `check`) are left
 * out rather than guessed, so the gateway may still refuse a body the schema accepts.
 */
export function requestSchema(input: z.ZodType, componentName: string): JsonObject {
  const schema = z.toJSONSchema(input, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete schema['$schema'];
  // Shared or recursive parts land in `$defs`; inside the document their refs must name the component.
  return schema['$defs'] === undefined ? schema : (rebase(schema, `#/components/schemas/${componentName}/$defs/`) as JsonObject);
}

function rebase(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rebase(item, base));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')
        ? base + child.slice('#/$defs/'.length)
        : rebase(child, base);
  }
  return out;
}
