import { linkCatalogWorkflow } from '../../workflows/link-catalog.js';
import type { QboChange } from '../../integrations/qbo/announced-change.js';
import type { ZuperChange } from '../../integrations/zuper/announced-change.js';
import { sellOnInvoice } from '../../emulators/qbo/index.js';
import { consumeOnInvoice } from '../../emulators/zuper/index.js';
import { eventually, type SyncStack } from './sync-stack.js';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

/** Seeds one QBO inventory item with `qty` and links it (the stack's master must be QBO). */
export async function linkedInventoryItem(stack: SyncStack, qty: number, namePrefix = 'Widget') {
  const [qboItemId] = stack.qbo.admin.seedItems(stack.realmId, { count: 1, namePrefix, qtyOnHand: qty }) as [string];
  await stack.temporal.workflow.execute(linkCatalogWorkflow, {
    workflowId: nextId('link'),
    taskQueue: stack.taskQueue,
    args: [{ connectionId: stack.connectionId, dryRun: false }],
  });
  const link = await stack.store.links.get(stack.connectionId, qboItemId);
  if (!link) throw new Error('item was not linked');
  return { qboItemId, zuperUid: link.fieldItemId };
}

/** A QBO invoice selling `qty` of the item, written as a QBO user. */
export function sellInQbo(stack: SyncStack, qboItemId: string, qty: number): string {
  return sellOnInvoice(stack.qbo.admin, stack.realmId, { itemId: qboItemId, qty, unitPrice: 10 });
}

/** A Zuper invoice consuming `qty` of the product at `locationUid`. */
export const consumeInZuper = (stack: SyncStack, zuperUid: string, qty: number, locationUid: string) =>
  consumeOnInvoice(`${stack.zuper.baseUrl}/api`, stack.zuperApiKey, {
    productUid: zuperUid,
    locationUid,
    qty,
    unitPrice: 1,
  });

/**
 * What the webhook intake does with one delivery: store the change in the outbox, which wakes the dispatcher that hands
 * it to Temporal. Resolves to the handle of the intake workflow it went into.
 */
/** What delivering a change needs of a stack, whichever accounting system it runs. */
type IntakeStack = Pick<SyncStack, 'store' | 'temporal' | 'connectionId'>;

async function deliver(stack: IntakeStack, source: 'qbo' | 'zuper', change: QboChange | ZuperChange) {
  const deliveryId = nextId(source);
  await stack.store.webhookDeliveries.accept(source, [{ deliveryId, connectionId: stack.connectionId, change }]);
  const batchId = await eventually(
    () => stack.store.webhookDeliveries.handedOffIn(source, deliveryId),
    (id) => id !== null,
  );
  return stack.temporal.workflow.getHandle(batchId!);
}

/** What the intake does for a QBO webhook entity. */
export function deliverQboChange(stack: SyncStack, entity: string, entityId: string, operation = 'Create') {
  return deliver(stack, 'qbo', { connectionId: stack.connectionId, entity, entityId, operation });
}

/** What the intake does for a Zuper webhook. */
export function deliverZuperChange(
  stack: IntakeStack,
  change: { event: string; productUid?: string; invoiceUid?: string; transactionUid?: string },
) {
  return deliver(stack, 'zuper', {
    connectionId: stack.connectionId,
    event: change.event,
    productUid: change.productUid ?? null,
    invoiceUid: change.invoiceUid ?? null,
    transactionUid: change.transactionUid ?? null,
  });
}

/** Ledger rows of one item, oldest first. */
export async function movementsOf(stack: Pick<SyncStack, 'store' | 'connectionId'>, qboItemId: string) {
  const rows = await stack.store.db.query<{ side: string; qty_diff: string }>(
    'SELECT side, qty_diff FROM movements WHERE connection_id = $1 AND accounting_item_id = $2 ORDER BY created_at, id',
    [stack.connectionId, qboItemId],
  );
  return rows.map((r) => [r.side, Number(r.qty_diff)] as const);
}

export async function settledBase(stack: SyncStack, qboItemId: string) {
  return (await stack.store.links.get(stack.connectionId, qboItemId))?.baseQty;
}

/** Sells `qty` in QBO, delivers the invoice's webhook and waits until the settle brought the base to `baseAfter`. */
export async function settleQboSale(stack: SyncStack, qboItemId: string, qty: number, baseAfter: number) {
  await deliverQboChange(stack, 'Invoice', sellInQbo(stack, qboItemId, qty));
  await eventually(
    () => settledBase(stack, qboItemId),
    (base) => base === baseAfter,
  );
}
