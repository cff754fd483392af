import type { QbdEmulator } from '../emulators/qbd/index.js';
import { effectBetween, effectOf, pick, randomQty } from './effects.js';
import type { UserMovement } from './qbo-user.js';

const MAX_QTY = 6;
/** Share of the QuickBooks Desktop user's changes that are stock adjustments (count corrections) rather than sales. */
const ADJUSTMENT_SHARE = 0.2;

interface Sale {
  txnId: string;
  lines: { qboItemId: string; qty: number }[];
}

/**
 * A QuickBooks Desktop user at the company file: enters invoices and sales receipts, corrects counts with inventory
 * adjustments and deletes sales, as the emulator's admin handle lets a person do (QuickBooks Desktop tells nobody;
 * the quantity watch reads every change at the next Web Connector session).
 */
export function qbdUser(qbd: QbdEmulator, itemIds: readonly string[], rng: () => number) {
  const live: Sale[] = [];
  const nameOf = (listId: string) => qbd.company.fullName(qbd.company.items.get(listId)!);

  const sell = (): UserMovement => {
    const type = rng() < 0.5 ? 'Invoice' : 'SalesReceipt';
    const lines = Array.from({ length: randomQty(rng, 3) }, () => ({
      qboItemId: pick(rng, itemIds)!,
      qty: randomQty(rng, MAX_QTY),
    }));
    const sale = qbd.admin.sell({
      type,
      lines: lines.map((l) => ({ item: nameOf(l.qboItemId), quantity: l.qty, rate: 3 })),
    });
    live.push({ txnId: sale.txnId, lines });
    return { kind: `qbd ${type} add`, effect: effectOf(lines, -1) };
  };

  const remove = (sale: Sale): UserMovement => {
    live.splice(live.indexOf(sale), 1);
    qbd.admin.deleteTxn(sale.txnId);
    return { kind: 'qbd sale delete', effect: effectBetween(effectOf(sale.lines, -1), new Map()) };
  };

  const adjust = (): UserMovement => {
    const qboItemId = pick(rng, itemIds)!;
    const qtyDiff = (rng() < 0.5 ? -1 : 1) * randomQty(rng, MAX_QTY);
    qbd.admin.adjust({ item: nameOf(qboItemId), quantityDifference: qtyDiff, memo: 'Stock count' });
    return { kind: 'qbd InventoryAdjustment add', effect: effectOf([{ qboItemId, qty: qtyDiff }], 1) };
  };

  return {
    /** One random change; sales are deleted only once some exist. */
    move(): UserMovement {
      if (rng() < ADJUSTMENT_SHARE) return adjust();
      const sale = pick(rng, live);
      return !sale || rng() < 0.85 ? sell() : remove(sale);
    },
  };
}
