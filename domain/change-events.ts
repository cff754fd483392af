import { qboTransactionEntities, type QboTransactionEntity } from '../integrations/qbo/schemas/entities.js';

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

/** QBO entities whose lines move QtyOnHand (docs/product.md, "Quantities"): the client's transaction entities. */
export const isQboStockEntity = (entity: string): entity is QboTransactionEntity =>
  (qboTransactionEntities as readonly string[]).includes(entity);
