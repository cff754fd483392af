import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { tracksStock } from '../products/product-fields.js';
import type { CompanyStore } from '../store/company-store.js';
import type { ProductRecord, TransactionRecord, TransactionType } from '../store/types.js';
import { addDelta } from './location-stock.js';
import { nextPurchasePrice } from './purchase-cost.js';
import { applyPlan } from './stock-changes.js';
import { recordTransaction } from './transaction-records.js';

export interface Movement {
  type: TransactionType;
  product: ProductRecord;
  from: string | null;
  to: string | null;
  quantity: number;
  serialNos: string[];
  remarks: string | undefined;
  purchasePrice: number | null | undefined;
  minQuantity: number | null | undefined;
}

function moveSerials(product: ProductRecord, from: string | null, to: string | null, serials: readonly string[]): void {
  if (serials.length === 0) return;
  for (const entry of product.stock) {
    if (entry.location_uid === from) entry.serial_nos = entry.serial_nos.filter((s) => !serials.includes(s));
    if (entry.location_uid === to) entry.serial_nos = [...new Set([...entry.serial_nos, ...serials])];
  }
}

/**
 * An inward, outward or transfer: moves stock (unless the item does not track it), keeps serial numbers,
 * location minimum and purchase price in step, and writes the transaction row.
 */
export function executeMovement(ctx: ZuperContext, company: CompanyStore, m: Movement): TransactionRecord {
  for (const uid of [m.from, m.to]) {
    if (uid !== null && !company.activeLocation(uid)) throw badRequest('Invalid Location', 'Invalid Data');
  }
  if (m.from !== null && m.from === m.to) throw badRequest('From and To locations must be different', 'Invalid Data');
  const { product } = m;
  const moves = tracksStock(product);
  if (!moves && ctx.settings().products.untrackedTransaction === 'reject') {
    throw badRequest('Quantity is not tracked for this product', 'Invalid Data');
  }
  if (moves) {
    const onHand = product.quantity;
    const deltas = new Map<string, number>();
    if (m.from !== null) addDelta(deltas, m.from, -m.quantity);
    if (m.to !== null) addDelta(deltas, m.to, m.quantity);
    applyPlan(ctx, company, new Map([[product.product_uid, deltas]]));
    moveSerials(product, m.from, m.to, m.serialNos);
    const target = product.stock.find((entry) => entry.location_uid === (m.to ?? m.from));
    if (target && m.minQuantity !== undefined) target.min_quantity = m.minQuantity;
    if (m.type === 'INWARD' && m.purchasePrice !== undefined && m.purchasePrice !== null) {
      const mode = company.settings.purchase_cost_update;
      product.purchase_price = nextPurchasePrice(mode, product.purchase_price, onHand, m.purchasePrice, m.quantity);
    }
  }
  return recordTransaction(ctx, company, {
    type: m.type,
    product,
    fromLocationUid: m.from,
    toLocationUid: m.to,
    quantity: m.quantity,
    serialNos: m.serialNos,
    remarks: m.remarks,
    purchasePrice: m.purchasePrice,
  });
}
