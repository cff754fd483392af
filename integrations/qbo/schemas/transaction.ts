import { z } from 'zod';
import { idSchema, metaDataSchema, optional, refSchema, syncTokenSchema } from './common.js';

/** The line details that reference items; other detail types (account lines, subtotals…) are kept as bare lines. */
const itemLineFields = {
  Id: optional(z.string()),
  DetailType: z.string(),
  SalesItemLineDetail: optional(z.object({ ItemRef: optional(refSchema), Qty: optional(z.number()) })),
  ItemBasedExpenseLineDetail: optional(z.object({ ItemRef: refSchema, Qty: optional(z.number()) })),
  ItemAdjustmentLineDetail: optional(
    z.object({ ItemRef: refSchema, QtyDiff: optional(z.number()), NewQty: optional(z.number()) }),
  ),
};

const simpleLineSchema = z.object(itemLineFields);

/** A GroupLine (bundle on a sales form) carries the bundle's component lines inside it. */
export const qboLineSchema = z.object({
  ...itemLineFields,
  GroupLineDetail: optional(
    z.object({
      GroupItemRef: optional(refSchema),
      Quantity: optional(z.number()),
      Line: z.array(simpleLineSchema).default([]),
    }),
  ),
});
export type QboLine = z.output<typeof qboLineSchema>;

/** The parts of any inventory-moving transaction the sync reads. */
export const qboTransactionSchema = z.object({
  Id: idSchema,
  SyncToken: syncTokenSchema,
  DocNumber: optional(z.string()),
  TxnDate: optional(z.string()),
  PrivateNote: optional(z.string()),
  Line: z.array(qboLineSchema).default([]),
  MetaData: optional(metaDataSchema),
});
export type QboTransaction = z.output<typeof qboTransactionSchema>;

export const qboInventoryAdjustmentSchema = qboTransactionSchema.extend({
  AdjustAccountRef: optional(refSchema),
});
export type QboInventoryAdjustment = z.output<typeof qboInventoryAdjustmentSchema>;
