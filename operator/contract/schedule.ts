import { z } from 'zod';

/** The connection's reconciliation schedule as Temporal describes it. */
export const scheduleViewSchema = z.object({
  scheduleId: z.string(),
  state: z.enum(['running', 'paused']),
  note: z.string().nullable(),
  everySeconds: z.number().nullable(),
  nextRuns: z.array(z.string()),
  recentRuns: z.array(z.object({ scheduledAt: z.string(), takenAt: z.string(), workflowId: z.string() })),
  runningWorkflowIds: z.array(z.string()),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

export const scheduleAnswerSchema = z.object({
  connectionId: z.string(),
  /** What was just done to it; 'describe' when only read. */
  action: z.enum(['describe', 'pause', 'resume', 'trigger']),
  schedule: scheduleViewSchema,
});
export type ScheduleAnswer = z.infer<typeof scheduleAnswerSchema>;
