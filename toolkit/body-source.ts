import { z } from 'zod';
import type { CallTarget } from './call-targets';
import { generateEdxmlDocument } from './edxml-generator';
import type { RequestBody } from './gateway-client';

/** Bodies of a generated kind; the largest is bounded by the gateway's 20 MiB XML limit and then some. */
const generateSchema = z.strictObject({
  kind: z.literal('edxml'),
  attachmentBytes: z
    .number()
    .int()
    .min(4)
    .max(32 * 1024 * 1024),
});

/**
 * Where a call's body comes from: absent → the directory's example; `json` → that body as is;
 * `merge` → the example with these top-level fields replaced; `generate` → a generated body.
 */
export const bodySchema = z.union([
  z.strictObject({ json: z.unknown() }),
  z.strictObject({ merge: z.record(z.string(), z.unknown()) }),
  z.strictObject({ generate: generateSchema }),
]);
export type BodySpec = z.output<typeof bodySchema>;

/** Makes bodies for a call step; a generated document is built once per step and reused. */
export function bodyMaker(spec: BodySpec | undefined): (target: CallTarget, seq: number) => RequestBody {
  if (spec && 'generate' in spec) {
    let cached: string | undefined;
    return (_target, seq) => {
      cached ??= generateEdxmlDocument(spec.generate.attachmentBytes, String(seq));
      return { kind: 'xml', text: cached };
    };
  }
  if (spec && 'json' in spec) return () => ({ kind: 'json', value: spec.json });
  if (spec && 'merge' in spec) return (target) => ({ kind: 'json', value: { ...(target.example as object), ...spec.merge } });
  return (target) => ({ kind: 'json', value: target.example });
}

export function describeBody(spec: BodySpec | undefined): string {
  if (!spec) return 'example';
  if ('generate' in spec) return `generated edXML, ${(spec.generate.attachmentBytes / 1048576).toFixed(1)} MiB attachment`;
  return 'json' in spec ? 'given body' : 'example + changes';
}
