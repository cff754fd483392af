import type { ZuperContext } from '../context.js';
import { ApiError } from '../http/envelope.js';
import type { CompanyStore } from '../store/company-store.js';
import type { LocationStock, ProductRecord } from '../store/types.js';
import { locationTakenBelowZero, sumQuantity } from './location-stock.js';

/** Per product uid: per location uid, the quantity change. */
export type StockPlan = Map<string, Map<string, number>>;

export function negativeStockError(ctx: ZuperContext): ApiError {
  const message = ctx.settings().stock.negativeStockMessage;
  return new ApiError(400, message, message);
}

/** Throws the configured 400 when negatives are off and any change would take a location below 0. */
export function assertPlanAllowed(ctx: ZuperContext, company: CompanyStore, plan: StockPlan): void {
  if (company.settings.allow_negative_stock) return;
  for (const [productUid, deltas] of plan) {
    const product = company.products.get(productUid);
    if (product && locationTakenBelowZero(product.stock, deltas) !== undefined) throw negativeStockError(ctx);
  }
}

export function newLocationStock(ctx: ZuperContext, locationUid: string, quantity: number): LocationStock {
  return {
    location_uid: locationUid,
    quantity,
    min_quantity: null,
    serial_nos: [],
    _id: ctx.ids.objectId(),
    created_at: ctx.nowIso(),
  };
}

/** Recomputes the derived total and stamps the change. */
export function touchStock(ctx: ZuperContext, product: ProductRecord): void {
  product.quantity = sumQuantity(product.stock);
  product.updated_at = ctx.nowIso();
}

/** Applies per-location deltas to one product (creating missing location entries). No checks. */
export function applyDeltas(ctx: ZuperContext, product: ProductRecord, deltas: ReadonlyMap<string, number>): void {
  for (const [locationUid, delta] of deltas) {
    const entry = product.stock.find((e) => e.location_uid === locationUid);
    if (entry) entry.quantity += delta;
    else product.stock.push(newLocationStock(ctx, locationUid, delta));
  }
  touchStock(ctx, product);
}

/** Checks the whole plan first, then applies it: a multi-line change is all or nothing. */
export function applyPlan(ctx: ZuperContext, company: CompanyStore, plan: StockPlan): ProductRecord[] {
  assertPlanAllowed(ctx, company, plan);
  const changed: ProductRecord[] = [];
  for (const [productUid, deltas] of plan) {
    const product = company.products.get(productUid);
    if (!product || deltas.size === 0) continue;
    applyDeltas(ctx, product, deltas);
    changed.push(product);
  }
  return changed;
}
