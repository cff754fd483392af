import { setTimeout as sleep } from 'node:timers/promises';
import { linkCatalogWorkflow } from '../workflows/link-catalog.js';
import { randomQty } from './effects.js';
import type { ChaosStack } from './stack.js';

export interface ChaosItem {
  qboItemId: string;
  zuperProductUid: string;
  /** The quantity both systems agreed on once linked: every movement counts from here. */
  initial: number;
}

/** The accounting system's quantity on hand: QBO's QtyOnHand, or QuickBooks Desktop's QuantityOnHand by ListID. */
export const accountingQtyOf = (stack: ChaosStack, itemId: string) =>
  stack.qbd
    ? (stack.qbd.emulator.company.items.get(itemId)?.quantityOnHand ?? Number.NaN)
    : Number(stack.emulators.qbo.admin.getEntity(stack.connection.realmId, 'Item', itemId)?.QtyOnHand ?? Number.NaN);

export const zuperQtyOf = (stack: ChaosStack, productUid: string) =>
  Number(stack.emulators.zuper.admin.product(stack.connection.zuperCompany, productUid)?.quantity ?? Number.NaN);

/** Creates `count` stocked items in the product master (QBO, QuickBooks Desktop or Zuper), each with its own quantity (10…100). */
export function seedMasterItems(stack: ChaosStack, master: 'qbo' | 'zuper', count: number, rng: () => number): void {
  const { qbo, zuper } = stack.emulators;
  const { realmId, zuperCompany, locations } = stack.connection;
  for (let i = 1; i <= count; i++) {
    const qty = 10 + randomQty(rng, 90);
    if (master === 'qbo' && stack.qbd)
      stack.qbd.emulator.admin.seedItems([{ fullName: `Chaos Part ${i}`, quantityOnHand: qty }]);
    else if (master === 'qbo')
      qbo.admin.seedItems(realmId, { count: 1, namePrefix: `Chaos Part ${i}`, qtyOnHand: qty });
    else {
      zuper.admin.generateProducts(zuperCompany, {
        count: 1,
        name_prefix: 'Chaos Part',
        quantity_per_location: qty,
        location_uids: [locations.main, locations.van],
      });
    }
  }
}

/** Links the catalogs with the service's own linking run and waits until both systems agree on every quantity. */
export async function linkCatalogs(stack: ChaosStack, count: number): Promise<ChaosItem[]> {
  const result = await stack.ctx.temporal.workflow.execute(linkCatalogWorkflow, {
    workflowId: `link:${stack.connection.connectionId}:run:chaos`,
    taskQueue: stack.taskQueue,
    args: [{ connectionId: stack.connection.connectionId, dryRun: false }],
  });
  if (result.failed.length > 0) throw new Error(`linking failed: ${JSON.stringify(result.failed.slice(0, 5))}`);
  const links = (await stack.ctx.store.links.list(stack.connection.connectionId)).filter((l) => l.tracksQuantity);
  if (links.length !== count) throw new Error(`expected ${count} linked stocked items, found ${links.length}`);

  const deadline = Date.now() + 60_000;
  for (;;) {
    const items = links.map((l) => ({
      link: l,
      qbo: accountingQtyOf(stack, l.accountingItemId),
      zuper: zuperQtyOf(stack, l.fieldItemId),
    }));
    const apart = items.filter((i) => i.qbo !== i.zuper);
    if (apart.length === 0) {
      return items.map((i): ChaosItem => ({
        qboItemId: i.link.accountingItemId,
        zuperProductUid: i.link.fieldItemId,
        initial: i.qbo,
      }));
    }
    if (Date.now() > deadline) throw new Error(`linked items never agreed: ${JSON.stringify(apart.slice(0, 5))}`);
    await sleep(250);
  }
}

/** Stocked items in the product master, linked, with the quantity both systems agree on. */
export async function seedLinkedItems(stack: ChaosStack, master: 'qbo' | 'zuper', count: number, rng: () => number) {
  seedMasterItems(stack, master, count, rng);
  return linkCatalogs(stack, count);
}
