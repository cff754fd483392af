import { z } from 'zod';
import { idSchema, optional, syncTokenSchema } from './common.js';

export const qboAccountSchema = z.object({
  Id: idSchema,
  SyncToken: syncTokenSchema,
  Name: z.string(),
  FullyQualifiedName: optional(z.string()),
  /** e.g. "Income", "Cost of Goods Sold", "Other Current Asset". */
  AccountType: z.string(),
  /** e.g. "SalesOfProductIncome", "SuppliesMaterialsCogs", "Inventory". */
  AccountSubType: optional(z.string()),
  Classification: optional(z.string()),
  Active: z.boolean(),
});
export type QboAccount = z.output<typeof qboAccountSchema>;
