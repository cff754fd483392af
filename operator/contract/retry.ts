import { z } from 'zod';

/** What a retry started: a settle or item sync request (signals the item's workflow), or a new link or reconcile run. */
export const retryAnswerSchema = z.object({
  historyId: z.number(),
  kind: z.enum(['item', 'quantity', 'reconcile', 'link']),
  started: z.enum(['settle', 'item-sync', 'link', 'reconcile']),
  workflowId: z.string(),
  runId: z.string().nullable(),
  description: z.string(),
});
export type RetryAnswer = z.infer<typeof retryAnswerSchema>;
