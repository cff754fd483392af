import { z } from 'zod';

const system = z.enum(['qbo', 'zuper']);

/** What `POST /connections/:id/items/:qboItemId/link` answers: the link made and its history row. */
export const itemLinkedSchema = z.object({
  historyId: z.number(),
  qboItemId: z.string(),
  zuperProductUid: z.string(),
  kind: z.enum(['inventory', 'noninventory', 'service']),
  quantityChange: z.object({ system, from: z.number(), to: z.number() }).nullable(),
  summary: z.string(),
});
export type ItemLinkedView = z.infer<typeof itemLinkedSchema>;

/** What `DELETE /connections/:id/items/:qboItemId/link` answers. */
export const itemUnlinkedSchema = z.object({
  historyId: z.number(),
  qboItemId: z.string(),
  zuperProductUid: z.string(),
  summary: z.string(),
});
export type ItemUnlinkedView = z.infer<typeof itemUnlinkedSchema>;
