import type { z } from 'zod';
import { OperatorError } from './errors.js';

/** Validates request input; the first problem becomes a 400 naming the offending field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const message = issue ? `${field || 'input'}: ${issue.message}` : 'invalid input';
  throw new OperatorError(400, 'invalid_input', message, undefined, field || undefined);
}
