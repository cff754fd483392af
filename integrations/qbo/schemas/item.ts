import { z } from 'zod';
import { idSchema, metaDataSchema, optional, refSchema, syncTokenSchema } from './common.js';

/** Every value of the XSD's ItemTypeEnum; only the first four are creatable through the API. */
export const qboItemTypes = [
  'Inventory',
  'NonInventory',
  'Service',
  'Category',
  'Group',
  'Assembly',
  'Fixed Asset',
  'Other Charge',
  'Payment',
  'Subtotal',
  'Discount',
  'Tax',
  'Tax Group',
  'Bundle',
] as const;

export const qboItemSchema = z.object({
  Id: idSchema,
  SyncToken: syncTokenSchema,
  Name: z.string(),
  FullyQualifiedName: optional(z.string()),
  Sku: optional(z.string()),
  Description: optional(z.string()),
  PurchaseDesc: optional(z.string()),
  Type: z.enum(qboItemTypes),
  Active: z.boolean(),
  TrackQtyOnHand: optional(z.boolean()),
  QtyOnHand: optional(z.number()),
  ReorderPoint: optional(z.number()),
  InvStartDate: optional(z.string()),
  UnitPrice: optional(z.number()),
  PurchaseCost: optional(z.number()),
  IncomeAccountRef: optional(refSchema),
  ExpenseAccountRef: optional(refSchema),
  AssetAccountRef: optional(refSchema),
  SubItem: optional(z.boolean()),
  ParentRef: optional(refSchema),
  Level: optional(z.number().int()),
  MetaData: metaDataSchema,
});
export type QboItem = z.output<typeof qboItemSchema>;
export type QboItemType = QboItem['Type'];
