import type { EntityDef, TransactionDef } from './entities.js';
import { faults } from './fault-shapes.js';
import { has, parseInput, type Reference } from './input-fields.js';
import { adjustmentEffect, difference, lineEffect, roundQty, type Effect } from './inventory-effects.js';
import { emitChange, type OperationContext } from './operation-context.js';
import { namedReference, resolveReference } from './references.js';
import { metaData, nextSyncToken, type Entity, type Json } from './store.js';
import { qboDate, qboDateTime } from './time-format.js';
import { processLines, type ProcessedLines } from './transaction-lines.js';
import { readOnlyTransactionFields, transactionInputSchema, type TransactionInput } from './transaction-input.js';
import { lockForWrite } from './write-lock.js';

const referenceTargets: Record<string, string> = {
  CustomerRef: 'Customer',
  VendorRef: 'Vendor',
  AccountRef: 'Account',
  AdjustAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  APAccountRef: 'Account',
};

const paymentTypes = ['Cash', 'Check', 'CreditCard'];

function txnDef(def: EntityDef): TransactionDef {
  if (!def.transaction) throw new Error(`${def.name} is not a transaction`);
  return def.transaction;
}

function checkSupported(ctx: OperationContext, def: EntityDef): void {
  if (def.name === 'InventoryAdjustment' && !ctx.store.company.inventoryAdjustmentSupported) {
    // ASSUMPTION: the fault a non-US company gets is undocumented; a 6000 business validation error is the likely shape.
    throw faults.businessValidation(
      'Business Validation Error: Inventory adjustments are not supported for this company.',
    );
  }
}

function currentQty(ctx: OperationContext, itemId: string): number {
  return Number(ctx.store.get('Item', itemId)?.QtyOnHand ?? 0);
}

function effectOf(
  ctx: OperationContext,
  def: EntityDef,
  input: Json,
  processed: ProcessedLines,
  previous: Effect,
): Effect {
  const t = txnDef(def);
  if (t.itemLineDetail === 'ItemAdjustmentLineDetail') {
    // NewQty is measured against the quantity as it would be without this transaction's previous effect.
    return adjustmentEffect(processed.stock, (id) => currentQty(ctx, id) - (previous.get(id) ?? 0));
  }
  // A credit-card credit (Purchase with Credit=true) returns stock instead of receiving it.
  const sign = def.name === 'Purchase' && input.Credit === true ? -t.inventorySign : t.inventorySign;
  return lineEffect(sign as -1 | 0 | 1, processed.stock);
}

/** Adds `change` to the items' QtyOnHand. With `saleBumpsItem` the items also get a new SyncToken, CDC entry and webhook. */
function applyStock(ctx: OperationContext, change: Effect): void {
  for (const [itemId, delta] of change) {
    const item = ctx.store.get('Item', itemId);
    if (!item) continue;
    const qty = roundQty(Number(item.QtyOnHand ?? 0) + delta);
    if (!ctx.settings.inventory.saleBumpsItem) {
      item.QtyOnHand = qty;
      continue;
    }
    const bumped: Entity = {
      ...item,
      QtyOnHand: qty,
      SyncToken: nextSyncToken(item.SyncToken),
      MetaData: { ...item.MetaData, LastUpdatedTime: qboDateTime(ctx.now) },
    };
    ctx.store.put('Item', bumped, ctx.now);
    emitChange(ctx, 'Item', itemId, 'Update');
  }
}

function resolveHeaderRefs(ctx: OperationContext, t: TransactionDef, input: Json): void {
  for (const field of t.requiredFields) {
    if (input[field] === undefined || input[field] === null) {
      throw faults.requiredParam(`Required parameter ${field} is missing in the request`, field);
    }
  }
  for (const [field, entity] of Object.entries(referenceTargets)) {
    const ref = input[field] as Reference | undefined;
    if (ref) input[field] = namedReference(ref, resolveReference(ctx.store, entity, ref, field));
  }
  const paymentType = input.PaymentType;
  if (typeof paymentType === 'string' && !paymentTypes.includes(paymentType))
    throw faults.invalidEnumeration(paymentType);
}

function nextDocNumber(ctx: OperationContext, entity: string): string {
  return String(1000 + Number(ctx.store.nextId(`DocNumber:${entity}`)));
}

/** Builds the stored record from validated input; `existing` keeps Id, DocNumber and CreateTime on updates. */
function buildRecord(
  ctx: OperationContext,
  def: EntityDef,
  input: Json,
  existing: Entity | undefined,
): { record: Entity; processed: ProcessedLines } {
  const t = txnDef(def);
  resolveHeaderRefs(ctx, t, input);
  const processed = processLines(
    ctx.store,
    t,
    input.Line as TransactionInput['Line'],
    ctx.settings.inventory.enforceLineAmount,
  );
  const txnDate =
    (input.TxnDate as string | undefined) ?? (existing?.TxnDate as string | undefined) ?? qboDate(ctx.now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(txnDate)) throw faults.malformedBody(`TxnDate: invalid date ${txnDate}`);
  if (def.name === 'InventoryAdjustment' && existing && existing.TxnDate !== txnDate) {
    throw faults.businessValidation(
      'Business Validation Error: The date of an inventory adjustment cannot be changed.',
    );
  }
  const docNumber =
    (input.DocNumber as string | undefined) ??
    (existing?.DocNumber as string | undefined) ??
    (t.autoDocNumber ? nextDocNumber(ctx, def.name) : undefined);
  if (docNumber !== undefined && docNumber.length > 21) throw faults.stringLength(String(docNumber.length), 21);
  const rest: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (!readOnlyTransactionFields.includes(key) && key !== 'Line' && value !== null && value !== undefined)
      rest[key] = value;
  }
  const record: Json = { ...rest, TxnDate: txnDate, Line: processed.lines };
  if (docNumber !== undefined) record.DocNumber = docNumber;
  if (def.name !== 'InventoryAdjustment') {
    record.TotalAmt = processed.total;
    if (t.balance !== 'none') record.Balance = t.balance === 'open' ? processed.total : 0;
    record.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
  }
  if (def.name === 'Invoice' || def.name === 'Bill') record.DueDate ??= txnDate;
  const id = existing?.Id ?? ctx.store.nextId(def.idSpace);
  const meta = existing ? { ...existing.MetaData, LastUpdatedTime: qboDateTime(ctx.now) } : metaData(ctx.now);
  const syncToken = existing ? nextSyncToken(existing.SyncToken) : '0';
  return {
    record: { ...record, domain: 'QBO', sparse: false, Id: id, SyncToken: syncToken, MetaData: meta },
    processed,
  };
}

function commit(ctx: OperationContext, def: EntityDef, record: Entity, effect: Effect, previous: Effect): void {
  const key = `${def.name}:${record.Id}`;
  applyStock(ctx, difference(previous, effect));
  if (effect.size > 0) ctx.store.txnEffects.set(key, effect);
  else ctx.store.txnEffects.delete(key);
  ctx.store.put(def.name, record, ctx.now);
  ctx.store.lastEditor.set(key, ctx.actor);
}

export function createTransaction(ctx: OperationContext, def: EntityDef, body: unknown): Entity {
  checkSupported(ctx, def);
  const input = parseInput(transactionInputSchema, body) as Json;
  const { record, processed } = buildRecord(ctx, def, input, undefined);
  commit(ctx, def, record, effectOf(ctx, def, input, processed, new Map()), new Map());
  emitChange(ctx, def.name, record.Id, 'Create');
  return record;
}

/** Fields of a stored record that a sparse update starts from. */
function writableOf(record: Entity): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) if (!readOnlyTransactionFields.includes(key)) out[key] = value;
  return out;
}

export function updateTransaction(ctx: OperationContext, def: EntityDef, body: unknown): Entity {
  checkSupported(ctx, def);
  const input = parseInput(transactionInputSchema, body) as Json;
  const existing = lockForWrite(ctx, def.name, input.Id as string | undefined, input.SyncToken as string | undefined);
  const merged = input.sparse === true ? { ...writableOf(existing), ...input } : { ...input };
  if (!has(merged, 'Line')) merged.Line = existing.Line;
  const previous = ctx.store.txnEffects.get(`${def.name}:${existing.Id}`) ?? new Map<string, number>();
  const { record, processed } = buildRecord(ctx, def, merged, existing);
  commit(ctx, def, record, effectOf(ctx, def, merged, processed, previous), previous);
  emitChange(ctx, def.name, record.Id, 'Update');
  return record;
}

export function deleteTransaction(ctx: OperationContext, def: EntityDef, body: unknown): Json {
  checkSupported(ctx, def);
  const input = parseInput(transactionInputSchema, body);
  const existing = lockForWrite(ctx, def.name, input.Id, input.SyncToken);
  const key = `${def.name}:${existing.Id}`;
  applyStock(ctx, difference(ctx.store.txnEffects.get(key) ?? new Map<string, number>(), new Map<string, number>()));
  ctx.store.txnEffects.delete(key);
  ctx.store.remove(def.name, existing.Id, ctx.now);
  emitChange(ctx, def.name, existing.Id, 'Delete');
  return { status: 'Deleted', domain: 'QBO', Id: existing.Id };
}

/** Void: the record stays with amounts and quantities zeroed, "Voided" in PrivateNote, and its stock effect reversed. */
export function voidTransaction(ctx: OperationContext, def: EntityDef, body: unknown): Entity {
  if (!txnDef(def).void) throw faults.unsupportedOperation('Operation Void is not supported.');
  const input = parseInput(transactionInputSchema, body);
  const existing = lockForWrite(ctx, def.name, input.Id, input.SyncToken);
  const key = `${def.name}:${existing.Id}`;
  const detailKey = txnDef(def).itemLineDetail;
  const lines = (existing.Line as Json[]).map((line) => {
    const detail = line[detailKey] as Json | undefined;
    return { ...line, Amount: 0, ...(detail ? { [detailKey]: { ...detail, Qty: 0 } } : {}) };
  });
  const note =
    typeof existing.PrivateNote === 'string' && existing.PrivateNote !== ''
      ? `Voided - ${existing.PrivateNote}`
      : 'Voided';
  const record: Entity = {
    ...existing,
    Line: lines,
    TotalAmt: 0,
    ...(existing.Balance !== undefined ? { Balance: 0 } : {}),
    PrivateNote: note,
    SyncToken: nextSyncToken(existing.SyncToken),
    MetaData: { ...existing.MetaData, LastUpdatedTime: qboDateTime(ctx.now) },
  };
  commit(ctx, def, record, new Map<string, number>(), ctx.store.txnEffects.get(key) ?? new Map<string, number>());
  emitChange(ctx, def.name, existing.Id, 'Void');
  return record;
}
