import type { z } from 'zod';
import { QboSchemaError } from './errors.js';

/** Renders a zod issue path as `QueryResponse.Item[3].SyncToken`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}

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
