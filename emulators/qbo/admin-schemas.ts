import { z } from 'zod';
import { decimal } from './input-fields.js';

export const companyPatchSchema = z
  .object({
    companyName: z.string().min(1),
    country: z.string().length(2),
    itemCategoriesFeature: z.boolean(),
    inventoryAdjustmentSupported: z.boolean(),
    trackQuantityOnHand: z.boolean(),
  })
  .partial()
  .strict();

export const createRealmSchema = companyPatchSchema.extend({ realmId: z.string().regex(/^\d+$/).optional() }).strict();

export const issueTokensSchema = z
  .object({
    clientId: z.string().min(1),
    realmId: z.string().min(1),
    scopes: z.array(z.string()).default(['com.intuit.quickbooks.accounting']),
    includeHardExpiry: z.boolean().default(false),
  })
  .strict();

export const advanceClockSchema = z.object({ ms: z.number().min(0) }).strict();

export const editItemSchema = z
  .object({ changes: z.record(z.string(), z.unknown()), userName: z.string().min(1).default('Jane Doe') })
  .strict();

export const actSchema = z
  .object({
    entity: z.string().min(1),
    operation: z.enum(['create', 'update', 'delete', 'void']),
    body: z.record(z.string(), z.unknown()),
    userName: z.string().min(1).default('Jane Doe'),
  })
  .strict();

export const seedItemsSchema = z
  .object({
    count: z.number().int().min(1).max(100_000),
    type: z.enum(['Inventory', 'NonInventory', 'Service']).default('Inventory'),
    namePrefix: z.string().min(1).default('Item'),
    qtyOnHand: decimal.default(0),
    unitPrice: decimal.default(10),
  })
  .strict();

export const requestLogQuerySchema = z
  .object({
    method: z.string().optional(),
    pathIncludes: z.string().optional(),
    afterSeq: z.coerce.number().int().optional(),
  })
  .strict();

export const testWebhookSchema = z.object({ clientId: z.string().min(1), realmId: z.string().min(1) }).strict();
