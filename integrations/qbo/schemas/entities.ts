import { z } from 'zod';
import { qboAccountSchema } from './account.js';
import { idSchema, optional } from './common.js';
import { qboItemSchema } from './item.js';
import { qboInventoryAdjustmentSchema, qboTransactionSchema } from './transaction.js';

/** The transactions whose lines change QtyOnHand of inventory items. */
export const qboTransactionEntities = [
  'Invoice',
  'SalesReceipt',
  'CreditMemo',
  'RefundReceipt',
  'Bill',
  'Purchase',
  'VendorCredit',
  'InventoryAdjustment',
] as const;
export type QboTransactionEntity = (typeof qboTransactionEntities)[number];

/** QBO entities whose lines move QtyOnHand (docs/product.md, "Quantities"). */
export const isQboStockEntity = (entity: string): entity is QboTransactionEntity =>
  (qboTransactionEntities as readonly string[]).includes(entity);

/** Schema per entity the client reads, keyed by QBO's entity name (also the JSON envelope key). */
export const qboEntitySchemas = {
  Item: qboItemSchema,
  Account: qboAccountSchema,
  InventoryAdjustment: qboInventoryAdjustmentSchema,
  Invoice: qboTransactionSchema,
  SalesReceipt: qboTransactionSchema,
  CreditMemo: qboTransactionSchema,
  RefundReceipt: qboTransactionSchema,
  Bill: qboTransactionSchema,
  Purchase: qboTransactionSchema,
  VendorCredit: qboTransactionSchema,
} as const;

export type QboEntityName = keyof typeof qboEntitySchemas;
export type QboEntity<E extends QboEntityName> = z.output<(typeof qboEntitySchemas)[E]>;

export const qboEntityNames = Object.keys(qboEntitySchemas) as QboEntityName[];

/** A hard-deleted object as CDC and delete operations report it. */
export const qboDeletedStubSchema = z.object({
  Id: idSchema,
  status: z.literal('Deleted'),
  MetaData: optional(z.object({ LastUpdatedTime: z.string() })),
});
export type QboDeletedStub = z.output<typeof qboDeletedStubSchema>;

/** `{"<Entity>": {...}, "time": "..."}`: the envelope of a single read or write. */
export function singleEnvelope<E extends QboEntityName>(entity: E) {
  return z.object({ [entity]: qboEntitySchemas[entity] }).transform((body) => body[entity] as QboEntity<E>);
}

/** The envelope of `?operation=delete`: `{"<Entity>": {"status":"Deleted","Id":…}}`. */
export function deletedEnvelope(entity: QboEntityName) {
  return z.object({ [entity]: qboDeletedStubSchema }).transform((body) => body[entity] as QboDeletedStub);
}
