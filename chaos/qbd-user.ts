import type { QbdEmulator } from '../emulators/qbd/index.js';
import type { DefinitionEdits } from './definitions.js';
import { effectBetween, effectOf, otherQty, pick, randomQty } from './effects.js';
import type { UserMovement } from './qbo-user.js';

const MAX_QTY = 6;
/** Share of the QuickBooks Desktop user's changes that are stock adjustments (count corrections) rather than sales. */
const ADJUSTMENT_SHARE = 0.2;
/** Of the changes to a sale already saved, the share that edit it (the rest delete it). */
const EDIT_SHARE = 0.6;
/** Share of the user's changes that change an item's definition, when QuickBooks is the product master. */
export const DEFINITION_SHARE = 0.1;

interface Sale {
  txnId: string;
  lines: { qboItemId: string; qty: number }[];
}

/**
 * A QuickBooks Desktop user at the company file: enters invoices and sales receipts, corrects counts with inventory
 * adjustments, and edits or deletes sales, as the emulator's admin handle lets a person do (QuickBooks Desktop tells
 * nobody; the quantity watch reads every change at the next Web Connector session).
 */
export function qbdUser(
  qbd: QbdEmulator,
  itemIds: readonly string[],
  rng: () => number,
  /** Given when QuickBooks is the product master: the user changes item definitions too, recorded here. */
  definitions?: DefinitionEdits,
) {
  const live: Sale[] = [];
  const nameOf = (listId: string) => qbd.company.fullName(qbd.company.items.get(listId)!);

  const randomLine = () => ({ qboItemId: pick(rng, itemIds)!, qty: randomQty(rng, MAX_QTY) });
  const saleLines = (lines: Sale['lines']) =>
    lines.map((l) => ({ item: nameOf(l.qboItemId), quantity: l.qty, rate: 3 }));

  const sell = (): UserMovement => {
    const type = rng() < 0.5 ? 'Invoice' : 'SalesReceipt';
    const lines = Array.from({ length: randomQty(rng, 3) }, randomLine);
    const sale = qbd.admin.sell({ type, lines: saleLines(lines) });
    live.push({ txnId: sale.txnId, lines });
    return { kind: `qbd ${type} add`, effect: effectOf(lines, -1) };
  };

  const remove = (sale: Sale): UserMovement => {
    live.splice(live.indexOf(sale), 1);
    qbd.admin.deleteTxn(sale.txnId);
    return { kind: 'qbd sale delete', effect: effectBetween(effectOf(sale.lines, -1), new Map()) };
  };

  /**
   * Changes a line's quantity, swaps a line's item for another, or adds a line: on-hand moves by the difference, and
   * an item taken off the sale moves back although the sale no longer names it.
   */
  const edit = (sale: Sale): UserMovement => {
    const lines = sale.lines.map((line) => ({ ...line }));
    const line = pick(rng, lines)!;
    const choice = rng();
    if (choice < 0.5) line.qty = otherQty(rng, MAX_QTY, line.qty);
    else if (choice < 0.8) line.qboItemId = pick(rng, itemIds)!;
    else lines.push(randomLine());
    qbd.admin.editSale(sale.txnId, saleLines(lines));
    const before = sale.lines;
    sale.lines = lines;
    return { kind: 'qbd sale edit', effect: effectBetween(effectOf(before, -1), effectOf(lines, -1)) };
  };

  const adjust = (): UserMovement => {
    const qboItemId = pick(rng, itemIds)!;
    const qtyDiff = (rng() < 0.5 ? -1 : 1) * randomQty(rng, MAX_QTY);
    qbd.admin.adjust({ item: nameOf(qboItemId), quantityDifference: qtyDiff, memo: 'Stock count' });
    return { kind: 'qbd InventoryAdjustment add', effect: effectOf([{ qboItemId, qty: qtyDiff }], 1) };
  };

  /** Renames an item and changes its sales description and price; the sync copies them to Zuper. */
  const define = (edits: DefinitionEdits): UserMovement => {
    const index = Math.floor(rng() * itemIds.length);
    const listId = itemIds[index]!;
    const definition = edits.next(index + 1, rng);
    qbd.admin.editItem(listId, {
      name: definition.name,
      salesDesc: definition.description,
      salesPrice: definition.price,
    });
    edits.confirmed(listId, definition);
    return { kind: 'qbd item definition', effect: new Map() };
  };

  return {
    /** One random change; sales are deleted only once some exist. */
    move(): UserMovement {
      if (definitions && rng() < DEFINITION_SHARE) return define(definitions);
      if (rng() < ADJUSTMENT_SHARE) return adjust();
      // A person edits a sale a while after saving it, not within the second QuickBooks stamped it with.
      const sale = pick(
        rng,
        live.filter((s) => qbd.company.salesTxns.get(s.txnId)!.timeCreated < qbd.company.now()),
      );
      if (!sale || rng() < 0.7) return sell();
      return rng() < EDIT_SHARE ? edit(sale) : remove(sale);
    },
  };
}
