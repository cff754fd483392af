import type { z } from 'zod';
import { ZuperSchemaError } from './errors.js';

/** Parses a response body, naming the first offending field path when it does not fit. */
export function validateResponse<T extends z.ZodType>(schema: T, body: unknown, endpoint: string): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ZuperSchemaError(endpoint, formatPath(issue?.path ?? []), issue?.message ?? 'invalid');
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
