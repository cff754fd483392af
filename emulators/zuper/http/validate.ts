import type { z } from 'zod';
import { ApiError } from './envelope.js';

/** Describes the first zod issue the way a Joi-style API would: `"path" message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const path = issue.path.map(String).join('.');
  return path ? `"${path}" ${issue.message}` : issue.message;
}

/** Validates an external payload; a failure is a 400 error envelope. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, title = 'Invalid Request'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError(400, title, describeIssue(result.error));
}
