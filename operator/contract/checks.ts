import { z } from 'zod';

export const prerequisiteCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['passed', 'failed', 'unknown', 'pending']),
  detail: z.string(),
  fix: z.string().optional(),
});

export const checksAnswerSchema = z.object({
  connectionId: z.string(),
  /** False when any check failed ('unknown' and 'pending' ones do not count). */
  ok: z.boolean(),
  checks: z.array(prerequisiteCheckSchema),
});
export type ChecksAnswer = z.infer<typeof checksAnswerSchema>;
