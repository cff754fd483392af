import { z } from 'zod';
import { systems } from '../../domain/systems.js';
import { sideNamesSchema } from './runs.js';

/** What `POST /connections/:id/items/:accountingItemId/link` answers: the link made and its history row. */
export const itemLinkedSchema = z.object({
  historyId: z.number(),
  accountingItemId: z.string(),
  fieldItemId: z.string(),
  kind: z.enum(['inventory', 'noninventory', 'service']),
  /** The side whose quantity the first settle moves, and the system on it. */
  quantityChange: z
    .object({
      side: z.enum(['accounting', 'field']),
      system: z.enum(systems),
      from: z.number(),
      to: z.number(),
    })
    .nullable(),
  names: sideNamesSchema,
  summary: z.string(),
});
export type ItemLinkedView = z.infer<typeof itemLinkedSchema>;

/** What `DELETE /connections/:id/items/:accountingItemId/link` answers. */
export const itemUnlinkedSchema = z.object({
  historyId: z.number(),
  accountingItemId: z.string(),
  fieldItemId: z.string(),
  names: sideNamesSchema,
  summary: z.string(),
});
export type ItemUnlinkedView = z.infer<typeof itemUnlinkedSchema>;
