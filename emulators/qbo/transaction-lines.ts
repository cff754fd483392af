import type { TransactionDef } from './entities.js';
import { faults, QboFault } from './fault-shapes.js';
import { roundAmount, roundQty } from './inventory-effects.js';
import type { Reference } from './input-fields.js';
import { namedReference, resolveReference } from './references.js';
import type { Json, RealmStore } from './store.js';
import type { LineInput } from './transaction-input.js';

export interface ProcessedLines {
  lines: Json[];
  /** Lines that move stock: tracked inventory items only. */
  stock: { itemId: string; qty: number; qtyDiff?: number; newQty?: number }[];
  total: number;
}

const allowedDetails: Record<TransactionDef['itemLineDetail'], string[]> = {
  SalesItemLineDetail: ['SalesItemLineDetail', 'DescriptionOnly', 'SubTotalLineDetail'],
  ItemBasedExpenseLineDetail: ['ItemBasedExpenseLineDetail', 'AccountBasedExpenseLineDetail'],
  ItemAdjustmentLineDetail: ['ItemAdjustmentLineDetail'],
};

function isTracked(item: Json): boolean {
  return item.Type === 'Inventory' && item.TrackQtyOnHand === true;
}

/** UNCONFIRMED code for Amount ≠ Qty × UnitPrice; 6070 is what community reports show for this message. */
function amountMismatch(amount: number): QboFault {
  return new QboFault(400, {
    Error: [
      {
        Message: 'Amount is not equal to UnitPrice * Qty',
        Detail: `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`,
        code: '6070',
        element: '',
      },
    ],
    type: 'ValidationFault',
  });
}

function resolveItem(store: RealmStore, ref: Reference | undefined, element: string): Json {
  if (!ref) throw faults.requiredParam(`Required parameter ${element}.ItemRef is missing in the request`, 'ItemRef');
  const item = resolveReference(store, 'Item', ref, `${element}.ItemRef`);
  if (item.Type === 'Category') {
    throw faults.businessValidation('Business Validation Error: A category cannot be used on a transaction line.');
  }
  return item;
}

function requireAmount(line: LineInput): number {
  if (line.Amount === undefined || line.Amount === null) {
    throw faults.requiredParam('Required parameter Line.Amount is missing in the request', 'Amount');
  }
  return line.Amount;
}

function itemLine(
  store: RealmStore,
  line: LineInput,
  detailKey: string,
  enforceAmount: boolean,
  out: ProcessedLines,
): Json {
  const detail = (line as Json)[detailKey] as LineInput['SalesItemLineDetail'];
  if (!detail) throw faults.requiredParam(`Required parameter Line.${detailKey} is missing in the request`, detailKey);
  const item = resolveItem(store, detail.ItemRef, `Line.${detailKey}`);
  const amount = roundAmount(requireAmount(line));
  const qty = detail.Qty ?? undefined;
  if (qty === undefined && isTracked(item)) throw faults.missingInventoryQty();
  let unitPrice = detail.UnitPrice ?? undefined;
  if (unitPrice === undefined && qty !== undefined && qty !== 0) unitPrice = amount / qty;
  if (enforceAmount && qty !== undefined && unitPrice !== undefined && Math.abs(qty * unitPrice - amount) >= 0.005) {
    throw amountMismatch(amount);
  }
  if (qty !== undefined && isTracked(item)) out.stock.push({ itemId: String(item.Id), qty: roundQty(qty) });
  out.total += amount;
  const normalized: Json = { ...detail, ItemRef: namedReference(detail.ItemRef as Reference, item) };
  if (qty !== undefined) normalized.Qty = qty;
  if (unitPrice !== undefined) normalized.UnitPrice = unitPrice;
  return { ...line, Amount: amount, [detailKey]: normalized };
}

function accountLine(store: RealmStore, line: LineInput, out: ProcessedLines): Json {
  const ref = line.AccountBasedExpenseLineDetail?.AccountRef;
  if (!ref) {
    throw faults.requiredParam(
      'Required parameter Line.AccountBasedExpenseLineDetail.AccountRef is missing in the request',
      'AccountRef',
    );
  }
  const account = resolveReference(store, 'Account', ref, 'Line.AccountBasedExpenseLineDetail.AccountRef');
  const amount = roundAmount(requireAmount(line));
  out.total += amount;
  return {
    ...line,
    Amount: amount,
    AccountBasedExpenseLineDetail: { ...line.AccountBasedExpenseLineDetail, AccountRef: namedReference(ref, account) },
  };
}

function adjustmentLine(store: RealmStore, line: LineInput, out: ProcessedLines): Json {
  const detail = line.ItemAdjustmentLineDetail;
  if (!detail) throw faults.requiredParam('Required parameter Line.ItemAdjustmentLineDetail is missing in the request');
  const item = resolveItem(store, detail.ItemRef, 'Line.ItemAdjustmentLineDetail');
  if (!isTracked(item)) {
    throw faults.businessValidation(
      `Business Validation Error: ${String(item.Name)} is not an inventory item that tracks quantity.`,
    );
  }
  const { QtyDiff: qtyDiff, NewQty: newQty } = detail;
  if (qtyDiff === undefined && newQty === undefined) {
    throw faults.requiredParam('Required parameter QtyDiff or NewQty is missing in the request', 'QtyDiff');
  }
  if (qtyDiff !== undefined && newQty !== undefined) {
    throw faults.businessValidation('Business Validation Error: Send either QtyDiff or NewQty on a line, not both.');
  }
  out.stock.push({
    itemId: String(item.Id),
    qty: 0,
    ...(qtyDiff !== undefined ? { qtyDiff } : { newQty }),
  });
  return {
    ...line,
    ItemAdjustmentLineDetail: { ...detail, ItemRef: namedReference(detail.ItemRef as Reference, item) },
  };
}

/** Validates and normalizes `Line[]`: references resolved and named, amounts checked, Line Ids assigned. */
export function processLines(
  store: RealmStore,
  def: TransactionDef,
  lines: LineInput[] | undefined,
  enforceAmount: boolean,
): ProcessedLines {
  if (!lines || lines.length === 0)
    throw faults.requiredParam('Required parameter Line is missing in the request', 'Line');
  const out: ProcessedLines = { lines: [], stock: [], total: 0 };
  const allowed = allowedDetails[def.itemLineDetail];
  let n = 0;
  for (const line of lines) {
    const type = line.DetailType;
    if (!type) throw faults.requiredParam('Required parameter Line.DetailType is missing in the request', 'DetailType');
    if (!allowed.includes(type)) throw faults.invalidEnumeration(type);
    if (type === 'SubTotalLineDetail') continue; // regenerated by the server
    let normalized: Json;
    if (type === 'SalesItemLineDetail' || type === 'ItemBasedExpenseLineDetail') {
      normalized = itemLine(store, line, type, enforceAmount, out);
    } else if (type === 'AccountBasedExpenseLineDetail') {
      normalized = accountLine(store, line, out);
    } else if (type === 'ItemAdjustmentLineDetail') {
      normalized = adjustmentLine(store, line, out);
    } else {
      normalized = { ...line };
    }
    n++;
    const { Id: _id, LineNum: _num, ...rest } = normalized;
    out.lines.push(type === 'DescriptionOnly' ? { Id: String(n), ...rest } : { Id: String(n), LineNum: n, ...rest });
  }
  out.total = roundAmount(out.total);
  if (def.salesForm) out.lines.push({ Amount: out.total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  return out;
}
