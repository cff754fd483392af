import type { ZuperContext } from '../context.js';
import { tracksStock } from '../products/product-fields.js';
import { applyPlan } from '../stock/stock-changes.js';
import { recordDeltaTransactions } from '../stock/transaction-records.js';
import type { CompanyStore } from '../store/company-store.js';
import type { InvoiceLine, InvoiceRecord } from '../store/types.js';
import { consumptionOf, planBetween } from './consumption.js';
import { decideStock, type InvoiceEvent } from './consumption-rules.js';

/**
 * Applies what an invoice event means for stock, before the invoice itself changes: when the move is refused
 * (negative stock off), nothing has been touched. `lines` are the invoice's lines after the event.
 */
export function applyInvoiceStock(
  ctx: ZuperContext,
  company: CompanyStore,
  invoice: InvoiceRecord,
  event: InvoiceEvent,
  lines: readonly InvoiceLine[],
): void {
  const decision = decideStock(event, invoice.stock, company.settings.consumption_module, ctx.settings().consumption);
  if (decision.hold !== 'keep') {
    const isTracked = (uid: string) => {
      const product = company.products.get(uid);
      return product !== undefined && tracksStock(product);
    };
    const target =
      decision.hold === 'lines'
        ? consumptionOf(lines, isTracked, company.settings.default_location_uid)
        : new Map<string, number>();
    const plan = planBetween(invoice.stock.applied, target);
    const changed = applyPlan(ctx, company, plan);
    invoice.stock.applied = target;
    for (const product of changed) {
      // A consumption delivery names its movement row; without rows there is nothing for it to name.
      if (!ctx.settings().consumption.writesTransactions) continue;
      const deltas = plan.get(product.product_uid) ?? new Map<string, number>();
      for (const tx of recordDeltaTransactions(ctx, company, product, deltas, `Invoice #${invoice.invoice_no}`)) {
        ctx.emit(company, 'product_stock_consumed', { uidKey: 'transaction_uid', uid: tx.transaction_uid });
      }
    }
  }
  invoice.stock.consuming = decision.consuming;
  invoice.stock.restoredByDelete = decision.restoredByDelete;
}
