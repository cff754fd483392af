import { adjustStockInQbo, type QboEmulatorAdmin } from '../emulators/qbo/index.js';
import { effectBetween, effectOf, otherQty, pick, randomQty, type Effect } from './effects.js';

type DocEntity = 'Invoice' | 'SalesReceipt' | 'CreditMemo' | 'Bill' | 'VendorCredit';
type LineDetail = 'SalesItemLineDetail' | 'ItemBasedExpenseLineDetail';

/** How each QBO form moves stock, what its header needs, and whether QBO can void it. */
const forms: Record<
  DocEntity,
  { sign: 1 | -1; detail: LineDetail; header: Record<string, unknown>; voidable: boolean }
> = {
  Invoice: { sign: -1, detail: 'SalesItemLineDetail', header: { CustomerRef: { value: '1' } }, voidable: true },
  SalesReceipt: { sign: -1, detail: 'SalesItemLineDetail', header: {}, voidable: true },
  CreditMemo: { sign: 1, detail: 'SalesItemLineDetail', header: { CustomerRef: { value: '2' } }, voidable: false },
  Bill: { sign: 1, detail: 'ItemBasedExpenseLineDetail', header: { VendorRef: { value: '30' } }, voidable: false },
  VendorCredit: {
    sign: -1,
    detail: 'ItemBasedExpenseLineDetail',
    header: { VendorRef: { value: '31' } },
    voidable: false,
  },
};
const entities = Object.keys(forms) as DocEntity[];

interface Line {
  qboItemId: string;
  qty: number;
}

interface Doc {
  entity: DocEntity;
  id: string;
  lines: Line[];
}

const UNIT_PRICE = 3;
const MAX_QTY = 6;
/** Share of the QBO user's changes that are stock adjustments (count corrections) rather than forms. */
const ADJUSTMENT_SHARE = 0.1;

export interface UserMovement {
  kind: string;
  effect: Effect;
}

/**
 * A QuickBooks user selling, buying and correcting: creates, edits, deletes and voids stock-moving forms through the
 * emulator's admin (as the QBO UI would: webhooks fire, no API faults apply to a person).
 */
export function qboUser(admin: QboEmulatorAdmin, realmId: string, itemIds: readonly string[], rng: () => number) {
  const live: Doc[] = [];
  const linesOf = (doc: { entity: DocEntity; lines: Line[] }) =>
    doc.lines.map(({ qboItemId, qty }) => ({
      DetailType: forms[doc.entity].detail,
      Amount: qty * UNIT_PRICE,
      [forms[doc.entity].detail]: { ItemRef: { value: qboItemId }, Qty: qty, UnitPrice: UNIT_PRICE },
    }));
  const held = (doc: Doc) => effectOf(doc.lines, forms[doc.entity].sign);
  const take = (doc: Doc) => live.splice(live.indexOf(doc), 1);

  const create = (): UserMovement => {
    const entity = pick(rng, entities)!;
    const lines = Array.from({ length: randomQty(rng, 3) }, () => ({
      qboItemId: pick(rng, itemIds)!,
      qty: randomQty(rng, MAX_QTY),
    }));
    const created = admin.act(realmId, {
      entity,
      operation: 'create',
      body: { ...forms[entity].header, Line: linesOf({ entity, lines }) },
    }) as { Id: string };
    const doc = { entity, id: created.Id, lines };
    live.push(doc);
    return { kind: `qbo ${entity} create`, effect: held(doc) };
  };

  const update = (doc: Doc): UserMovement => {
    const before = held(doc);
    doc.lines = doc.lines.map((l) => ({ ...l, qty: otherQty(rng, MAX_QTY, l.qty) }));
    admin.act(realmId, {
      entity: doc.entity,
      operation: 'update',
      body: { Id: doc.id, sparse: true, Line: linesOf(doc) },
    });
    return { kind: `qbo ${doc.entity} update`, effect: effectBetween(before, held(doc)) };
  };

  const remove = (doc: Doc, operation: 'delete' | 'void'): UserMovement => {
    take(doc);
    admin.act(realmId, { entity: doc.entity, operation, body: { Id: doc.id } });
    return { kind: `qbo ${doc.entity} ${operation}`, effect: effectBetween(held(doc), new Map()) };
  };

  /** A stock count corrected in QuickBooks: QuickBooks sends no webhook for it, so only the quantity watch sees it. */
  const adjust = (): UserMovement => {
    const qboItemId = pick(rng, itemIds)!;
    const qtyDiff = (rng() < 0.5 ? -1 : 1) * randomQty(rng, MAX_QTY);
    adjustStockInQbo(admin, realmId, { itemId: qboItemId, qtyDiff, userName: 'Stock counter' });
    return { kind: 'qbo InventoryAdjustment create', effect: effectOf([{ qboItemId, qty: qtyDiff }], 1) };
  };

  return {
    /** One random change; forms are edited, deleted or voided only once some exist. */
    move(): UserMovement {
      if (rng() < ADJUSTMENT_SHARE) return adjust();
      const doc = pick(rng, live);
      const roll = rng();
      if (!doc || roll < 0.55) return create();
      if (roll < 0.75) return update(doc);
      if (roll < 0.88 || !forms[doc.entity].voidable) return remove(doc, 'delete');
      return remove(doc, 'void');
    },
  };
}
