import type { z } from 'zod';
import { formatIssuePath } from '../../domain/issue-path.js';
import { QboSchemaError } from './errors.js';

/**
 * Validates a QBO response body (or the part of it at `at`); a mismatch throws QboSchemaError naming the first
 * offending path from the root of the body.
 */
export function parseQboResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  operation: string,
  at: readonly PropertyKey[] = [],
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new QboSchemaError(operation, formatIssuePath([...at, ...(issue?.path ?? [])]), issue?.message ?? 'invalid');
}
