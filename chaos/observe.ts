import { z } from 'zod';
import { ownMovementIdPattern } from '../domain/movement-id.js';
import type { Side } from '../domain/sides.js';
import { movementIdInRemark } from '../integrations/zuper/movement-remark.js';
import type { ChaosItem } from './catalog.js';
import type { DefinitionEdits } from './definitions.js';
import { accountingQtyOf, zuperQtyOf } from './catalog.js';
import type { ExpectedMovements } from './expected.js';
import type { Observations } from './invariants.js';
import type { ChaosStack } from './stack.js';
import type { QbdEmulator } from '../emulators/qbd/index.js';
import type { ZuperUserApi } from './zuper-user-api.js';

const transactionPage = z.object({
  total_pages: z.number(),
  data: z.array(
    z.object({
      transaction_uid: z.string(),
      type: z.enum(['INWARD', 'OUTWARD', 'TRANSFER']),
      quantity: z.number(),
      remarks: z.string(),
    }),
  ),
});

/**
 * QuickBooks Desktop's inventory adjustments that carry a movement id: the whole id at the end of the Memo, its first
 * 11 characters in RefNumber. An adjustment whose RefNumber does not match its Memo is reported under both, so the
 * invariants find it written without a ledger movement.
 */
function qbdWrites(qbd: QbdEmulator): Observations['qboWrites'] {
  return qbd.admin.adjustments().flatMap((adjustment) => {
    const movementId = /\(([^()]+)\)$/.exec(adjustment.memo ?? '')?.[1];
    if (!movementId || !ownMovementIdPattern.test(movementId)) return [];
    const id =
      adjustment.refNumber === movementId.slice(0, 11)
        ? movementId
        : `${movementId} (RefNumber ${adjustment.refNumber})`;
    return adjustment.lines.map((line) => ({
      movementId: id,
      adjustmentId: adjustment.txnId,
      qboItemId: line.itemListId,
      qtyDiff: line.quantityDifference,
    }));
  });
}

async function qboWrites(stack: ChaosStack): Promise<Observations['qboWrites']> {
  if (stack.qbd) return qbdWrites(stack.qbd.emulator);
  const qbo = await stack.ctx.clients.qbo(stack.connection.connectionId);
  const writes: Observations['qboWrites'] = [];
  for await (const page of qbo.queryAll('InventoryAdjustment')) {
    for (const adjustment of page) {
      if (!adjustment.DocNumber || !ownMovementIdPattern.test(adjustment.DocNumber)) continue;
      for (const line of adjustment.Line) {
        const detail = line.ItemAdjustmentLineDetail;
        if (!detail) continue;
        writes.push({
          movementId: adjustment.DocNumber,
          adjustmentId: adjustment.Id,
          qboItemId: detail.ItemRef.value,
          qtyDiff: detail.QtyDiff ?? Number.NaN,
        });
      }
    }
  }
  return writes;
}

async function zuperWrites(api: ZuperUserApi, productUids: string[]): Promise<Observations['zuperWrites']> {
  const writes: Observations['zuperWrites'] = [];
  for (const productUid of productUids) {
    for (let page = 1; ; page++) {
      const answer = await api.read(
        `/product/transaction?product_uid=${productUid}&count=100&page=${page}`,
        transactionPage,
      );
      for (const t of answer.data) {
        const movementId = movementIdInRemark(t.remarks);
        if (!movementId || !ownMovementIdPattern.test(movementId)) continue;
        const qtyDiff = t.type === 'INWARD' ? t.quantity : t.type === 'OUTWARD' ? -t.quantity : 0;
        writes.push({ movementId, transactionUid: t.transaction_uid, productUid, qtyDiff });
      }
      if (page >= answer.total_pages) break;
    }
  }
  return writes;
}

const productDefinition = z.object({
  product_name: z.string().default(''),
  product_description: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  price: z.coerce
    .number()
    .nullish()
    .transform((price) => price ?? 0),
});

/** What each side holds of the definitions the product master's user changed (QuickBooks Desktop runs). */
function definitionsHeld(
  stack: ChaosStack,
  items: readonly ChaosItem[],
  definitions: DefinitionEdits,
): Observations['definitions'] {
  const qbd = stack.qbd?.emulator;
  if (!qbd) return [];
  const productOf = new Map(items.map((i) => [i.qboItemId, i.zuperProductUid]));
  return definitions.entries().map(([qboItemId, expected]) => {
    const item = qbd.company.items.get(qboItemId);
    const product = productDefinition.parse(
      stack.emulators.zuper.admin.product(stack.connection.zuperCompany, productOf.get(qboItemId) ?? '') ?? {},
    );
    return {
      qboItemId,
      expected,
      accounting: { name: item?.name ?? '', description: item?.salesDesc ?? '', price: item?.salesPrice ?? 0 },
      field: { name: product.product_name, description: product.product_description, price: product.price },
    };
  });
}

/** Reads both emulators, the ledger and the history once the run is over and the faults are off. */
export async function observe(
  stack: ChaosStack,
  items: readonly ChaosItem[],
  expected: ExpectedMovements,
  zuperApi: ZuperUserApi,
  definitions: DefinitionEdits,
): Promise<Observations> {
  const { db } = stack.ctx.store;
  const connectionId = stack.connection.connectionId;
  const ledger = await db.query<{ id: string; side: Side; accounting_item_id: string; qty_diff: string }>(
    'SELECT id, side, accounting_item_id, qty_diff FROM movements WHERE connection_id = $1',
    [connectionId],
  );
  const pending = await db.query<{ accounting_item_id: string }>(
    'SELECT accounting_item_id FROM item_links WHERE connection_id = $1 AND pending_settle IS NOT NULL',
    [connectionId],
  );
  const failures = await db.query<{
    id: number;
    kind: string;
    status: string;
    accounting_item_id: string | null;
    explanation: string | null;
  }>(
    "SELECT id, kind, status, accounting_item_id, explanation FROM sync_runs WHERE connection_id = $1 AND status IN ('failed', 'needs_attention')",
    [connectionId],
  );
  return {
    items: items.map((i) => ({
      qboItemId: i.qboItemId,
      zuperProductUid: i.zuperProductUid,
      qbo: accountingQtyOf(stack, i.qboItemId),
      zuper: zuperQtyOf(stack, i.zuperProductUid),
      expected: i.initial + expected.netOf(i.qboItemId),
    })),
    ledger: ledger.map((m) => ({
      id: m.id,
      target: m.side === 'accounting' ? 'qbo' : 'zuper',
      qboItemId: m.accounting_item_id,
      qtyDiff: Number(m.qty_diff),
    })),
    qboWrites: await qboWrites(stack),
    zuperWrites: await zuperWrites(
      zuperApi,
      items.map((i) => i.zuperProductUid),
    ),
    definitions: definitionsHeld(stack, items, definitions),
    pendingPlans: pending.map((p) => p.accounting_item_id),
    failures: failures.map((f) => ({
      id: f.id,
      kind: f.kind,
      status: f.status,
      qboItemId: f.accounting_item_id,
      explanation: f.explanation,
    })),
  };
}
