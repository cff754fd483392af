import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import type { CompanyStore } from '../store/company-store.js';
import type { InvoiceLine } from '../store/types.js';
import type { InvoiceLineInput } from './invoice-input.js';

/**
 * Validates and normalises invoice lines: products and locations must exist; quantity defaults to 1,
 * unit price to the product's price, total to quantity × unit price − discount. Other fields are echoed.
 */
export function buildLines(
  ctx: ZuperContext,
  company: CompanyStore,
  inputs: readonly InvoiceLineInput[],
): InvoiceLine[] {
  return inputs.map((input) => {
    const { product_uid, location_uid, quantity, unit_price, discount, total, line_item_uid, ...extra } = input;
    const product = product_uid ? company.products.get(product_uid) : undefined;
    if (product_uid && (!product || product.is_deleted)) throw badRequest('Invalid Product', 'Invalid Data');
    if (location_uid && !company.activeLocation(location_uid)) throw badRequest('Invalid Location', 'Invalid Data');
    const qty = quantity ?? 1;
    const price = unit_price ?? product?.price ?? 0;
    const off = discount ?? 0;
    return {
      line_item_uid: typeof line_item_uid === 'string' && line_item_uid ? line_item_uid : ctx.ids.uuid(),
      product_uid: product_uid ?? null,
      location_uid: location_uid ?? null,
      quantity: qty,
      unit_price: price,
      discount: off,
      total: total ?? qty * price - off,
      extra,
    };
  });
}
