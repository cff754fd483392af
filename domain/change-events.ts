/** A change one of the systems reported (webhook or poll), reduced to what routing needs. */
export interface QboChange {
  connectionId: string;
  entity: string;
  entityId: string;
  operation: string;
}

export interface ZuperChange {
  connectionId: string;
  event: string;
  productUid: string | null;
  invoiceUid: string | null;
}

/** QBO entities whose lines move QtyOnHand (PRODUCT.md, "Quantities"). */
export const qboStockEntities = [
  'Invoice',
  'SalesReceipt',
  'CreditMemo',
  'RefundReceipt',
  'Bill',
  'Purchase',
  'VendorCredit',
  'InventoryAdjustment',
] as const;

export type QboStockEntity = (typeof qboStockEntities)[number];

export const isQboStockEntity = (entity: string): entity is QboStockEntity =>
  (qboStockEntities as readonly string[]).includes(entity);
