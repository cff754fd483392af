import type { ZuperChange } from './announced-change.js';
import type { ChangedItems } from '../port.js';
import type { ZuperClient } from './client.js';

/**
 * The products a Zuper change touched: a product event names the product (a stock event only its quantity); an
 * invoice event names the products on its lines, read now. A stock movement that names no product is resolved
 * through the movement list instead (settleListedMovements).
 */
export async function zuperChangedItems(
  client: () => Promise<Pick<ZuperClient, 'getInvoice'>>,
  change: ZuperChange,
): Promise<ChangedItems> {
  const product = change.productUid ? [change.productUid] : [];
  const definitions = change.event.includes('stock') ? [] : product;
  if (!change.invoiceUid) return { definitions, quantities: product, transaction: null };
  const invoice = await (await client()).getInvoice(change.invoiceUid);
  const lines = invoice
    ? invoice.lines.map((line) => line.productUid).filter((uid): uid is string => Boolean(uid))
    : null;
  return { definitions, quantities: product, transaction: { kind: 'invoice', id: change.invoiceUid, lines } };
}
