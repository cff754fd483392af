import { z } from 'zod';
import { sideNamesSchema } from './runs.js';

/** A settle's quantities by side and the base; a side the settle did not read is absent. */
const quantities = z
  .object({ base: z.number().optional(), accounting: z.number().optional(), field: z.number().optional() })
  .nullable();

/** One sync in the history, as listed (without its details, which can be large). */
export const historyEntrySchema = z.object({
  id: z.number(),
  connectionId: z.string(),
  kind: z.enum(['item', 'quantity', 'reconcile', 'link']),
  status: z.enum(['started', 'succeeded', 'failed', 'needs_attention']),
  workflowId: z.string().nullable(),
  runId: z.string().nullable(),
  accountingItemId: z.string().nullable(),
  fieldItemId: z.string().nullable(),
  /** The item's name when the history knows it (servers before it was recorded send none). */
  itemName: z.string().nullable().default(null),
  summary: z.string(),
  qtyBefore: quantities,
  qtyAfter: quantities,
  explanation: z.string().nullable(),
  fix: z.string().nullable(),
  errorCode: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** One sync with everything recorded about it, and the names of its connection's sides. */
export const historyDetailSchema = historyEntrySchema.extend({ details: z.unknown(), names: sideNamesSchema });
export type HistoryDetail = z.infer<typeof historyDetailSchema>;

export const historyListSchema = z.object({
  connectionId: z.string(),
  /** The system on each side of the connection, as users know it. */
  names: sideNamesSchema,
  entries: z.array(historyEntrySchema),
});
export type HistoryList = z.infer<typeof historyListSchema>;
