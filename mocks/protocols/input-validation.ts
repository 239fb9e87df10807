import type { z } from 'zod';
import { invalidRequest } from './provider-error';

/** Validates decoded input with a zod schema; throws the provider's `<PREFIX>-400` listing every problem. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, errorPrefix: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidRequest(
    errorPrefix,
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  );
}
