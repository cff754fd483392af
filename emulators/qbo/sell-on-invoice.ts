import type { z } from 'zod';
import type { actSchema } from './admin-schemas.js';
import type { QboEmulatorAdmin } from './admin.js';
import type { Entity } from './store.js';

export interface InvoiceSale {
  itemId: string;
  qty: number;
  unitPrice: number;
}

/**
 * A QBO invoice selling `qty` of one item to the sample customer, entered as a QBO user (no API budget used; webhooks
 * fire as for any write): how tests, benchmarks and the demo simulate a sale. Returns the invoice's Id.
 */
export function sellOnInvoice(admin: QboEmulatorAdmin, realmId: string, sale: InvoiceSale): string {
  const invoice = admin.act(realmId, saleInvoice(sale)) as Entity;
  return invoice.Id;
}

/** The admin `act` that enters an invoice selling `qty` of one item to the sample customer. */
export function saleInvoice(sale: InvoiceSale): z.input<typeof actSchema> {
  return {
    entity: 'Invoice',
    operation: 'create',
    body: {
      CustomerRef: { value: '1' },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          // QBO checks Amount = Qty × UnitPrice.
          Amount: sale.qty * sale.unitPrice,
          SalesItemLineDetail: { ItemRef: { value: sale.itemId }, Qty: sale.qty, UnitPrice: sale.unitPrice },
        },
      ],
    },
  };
}

/**
 * A stock adjustment of one item entered by a QBO user (to Inventory Shrinkage, account 86). QBO sends no webhook
 * for it: how tests and the history recording simulate a count correction made in QuickBooks (or, with the sync's
 * movement id as `docNumber`, the sync's own adjustment). Returns its Id.
 */
export function adjustStockInQbo(
  admin: QboEmulatorAdmin,
  realmId: string,
  adjustment: { itemId: string; qtyDiff: number; userName?: string; docNumber?: string },
): string {
  const created = admin.act(realmId, {
    entity: 'InventoryAdjustment',
    operation: 'create',
    ...(adjustment.userName === undefined ? {} : { userName: adjustment.userName }),
    body: {
      ...(adjustment.docNumber === undefined ? {} : { DocNumber: adjustment.docNumber }),
      AdjustAccountRef: { value: '86' },
      Line: [
        {
          DetailType: 'ItemAdjustmentLineDetail',
          ItemAdjustmentLineDetail: { ItemRef: { value: adjustment.itemId }, QtyDiff: adjustment.qtyDiff },
        },
      ],
    },
  }) as Entity;
  return created.Id;
}
