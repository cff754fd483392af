import type { CompanyStore } from '../store/company-store.js';
import type { TransactionRecord } from '../store/types.js';

function locationRef(company: CompanyStore, uid: string) {
  return { location_name: company.locations.get(uid)?.location_name ?? '', location_uid: uid };
}

/** Transaction as documented: INWARD has only to_location, OUTWARD only from_location, TRANSFER both. */
export function transactionView(company: CompanyStore, tx: TransactionRecord): Record<string, unknown> {
  return {
    transaction_uid: tx.transaction_uid,
    created_by: tx.created_by,
    product: { product_name: tx.product_name, product_uid: tx.product_uid },
    ...(tx.from_location_uid === null ? {} : { from_location: locationRef(company, tx.from_location_uid) }),
    ...(tx.to_location_uid === null ? {} : { to_location: locationRef(company, tx.to_location_uid) }),
    quantity: tx.quantity,
    type: tx.type,
    created_at: tx.created_at,
    is_deleted: tx.is_deleted,
    serial_nos: tx.serial_nos,
    remarks: tx.remarks,
    ...(tx.purchase_price === null ? {} : { purchase_price: tx.purchase_price }),
  };
}

/** List items carry the literal `"id":"undefined"` the documented example shows. */
export function transactionListItemView(company: CompanyStore, tx: TransactionRecord): Record<string, unknown> {
  return { ...transactionView(company, tx), id: 'undefined' };
}
