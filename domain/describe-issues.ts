import type { z } from 'zod';
import { formatIssuePath } from './issue-path.js';

/** A short reason for a rejected payload: the first few offending paths and what was expected, never the values. */
export const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${formatIssuePath(i.path) || '(body)'}: ${i.message}`)
    .join('; ');
