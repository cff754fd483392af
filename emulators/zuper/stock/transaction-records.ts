import type { ZuperContext } from '../context.js';
import type { CompanyStore } from '../store/company-store.js';
import type { ProductRecord, TransactionRecord, TransactionType } from '../store/types.js';

export interface TransactionDraft {
  type: TransactionType;
  product: ProductRecord;
  fromLocationUid: string | null;
  toLocationUid: string | null;
  quantity: number;
  serialNos?: string[];
  remarks?: string;
  purchasePrice?: number | null;
}

/** Stores one transaction row (remarks verbatim) and returns it. */
export function recordTransaction(
  ctx: ZuperContext,
  company: CompanyStore,
  draft: TransactionDraft,
): TransactionRecord {
  const tx: TransactionRecord = {
    seq: company.nextSeq(),
    transaction_uid: ctx.ids.uuid(),
    type: draft.type,
    product_uid: draft.product.product_uid,
    product_name: draft.product.product_name,
    from_location_uid: draft.fromLocationUid,
    to_location_uid: draft.toLocationUid,
    quantity: draft.quantity,
    serial_nos: draft.serialNos ?? [],
    remarks: draft.remarks ?? '',
    purchase_price: draft.purchasePrice ?? null,
    is_deleted: false,
    created_by: company.user,
    created_at: ctx.nowIso(),
  };
  company.addTransaction(tx);
  return tx;
}

/** One INWARD or OUTWARD row per location change, for stock moved by something other than a transaction call. */
export function recordDeltaTransactions(
  ctx: ZuperContext,
  company: CompanyStore,
  product: ProductRecord,
  deltas: ReadonlyMap<string, number>,
  remarks: string,
): TransactionRecord[] {
  const recorded: TransactionRecord[] = [];
  for (const [locationUid, delta] of deltas) {
    if (delta === 0) continue;
    const inward = delta > 0;
    const tx = recordTransaction(ctx, company, {
      type: inward ? 'INWARD' : 'OUTWARD',
      product,
      fromLocationUid: inward ? null : locationUid,
      toLocationUid: inward ? locationUid : null,
      quantity: Math.abs(delta),
      remarks,
    });
    recorded.push(tx);
  }
  return recorded;
}
