import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { parseOrThrow } from '../http/validate.js';
import { locationTakenBelowZero } from '../stock/location-stock.js';
import { nextStockOnPut, stockDeltas } from '../stock/put-stock.js';
import { negativeStockError, newLocationStock, touchStock } from '../stock/stock-changes.js';
import { recordDeltaTransactions } from '../stock/transaction-records.js';
import type { CompanyStore } from '../store/company-store.js';
import type { ProductRecord } from '../store/types.js';
import { checkLocationEntries, definitionPatch, searchTextOf } from './product-fields.js';
import { hasGetShapedFields, productInputSchema } from './product-input.js';

/** The live API's generic PUT failure. */
export const updateError = 'Error in Updating Product Details';

/** Validates a PUT body and applies it; location stock follows the configured PUT semantics. */
export function updateProduct(
  ctx: ZuperContext,
  company: CompanyStore,
  product: ProductRecord,
  raw: Record<string, unknown>,
): void {
  if (hasGetShapedFields(raw)) throw badRequest(updateError);
  const input = parseOrThrow(productInputSchema, raw, updateError);
  const fields = definitionPatch(ctx, company, input);
  const settings = ctx.settings().products;
  let nextStock = product.stock;
  let deltas = new Map<string, number>();
  if (input.location_availability !== undefined) {
    checkLocationEntries(company, input.location_availability);
    if (!settings.putMayAddLocations) {
      const stocked = new Set(product.stock.map((entry) => entry.location_uid));
      if (input.location_availability.some((entry) => !stocked.has(entry.location))) {
        throw badRequest('Location cannot be changed for this product', updateError);
      }
    }
    nextStock = nextStockOnPut(
      product.stock,
      input.location_availability,
      { mode: settings.locationAvailabilityOnPut, omittedQuantity: settings.omittedLocationQuantityOnPut },
      (locationUid) => newLocationStock(ctx, locationUid, 0),
    );
    deltas = stockDeltas(product.stock, nextStock);
    if (!company.settings.allow_negative_stock && locationTakenBelowZero(product.stock, deltas) !== undefined) {
      throw negativeStockError(ctx);
    }
  }
  Object.assign(product, fields);
  product.stock = nextStock;
  if (settings.putWritesTransactions) recordDeltaTransactions(ctx, company, product, deltas, 'Product Updated');
  touchStock(ctx, product);
  product.searchText = searchTextOf(product);
}
