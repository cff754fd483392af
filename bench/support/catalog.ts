import type { WorkflowHandle } from '@temporalio/client';
import { sellOnInvoice } from '../../emulators/qbo/index.js';
import { consumeOnInvoice } from '../../emulators/zuper/index.js';
import { linkCatalogWorkflow, type LinkCatalogResult } from '../../workflows/link-catalog.js';
import type { BenchEmulators } from './emulators.js';
import type { BenchConnection } from './connection.js';
import type { BenchStack } from './stack.js';

/** Starts the service's own initial linking (the real run, not the dry run). */
export function startLinkCatalog(
  stack: BenchStack,
  connectionId: string,
): Promise<WorkflowHandle<typeof linkCatalogWorkflow>> {
  return stack.ctx.temporal.workflow.start(linkCatalogWorkflow, {
    workflowId: `link:${connectionId}:run:${new Date().toISOString()}`,
    taskQueue: stack.taskQueue,
    args: [{ connectionId, dryRun: false }],
  });
}

/** Links a catalog and waits for the result. */
export async function linkCatalog(stack: BenchStack, connectionId: string): Promise<LinkCatalogResult> {
  return (await startLinkCatalog(stack, connectionId)).result();
}

/** QBO QtyOnHand as the emulator holds it. */
export const qboQty = (emulators: BenchEmulators, realmId: string, itemId: string) =>
  Number(emulators.qbo.admin.getEntity(realmId, 'Item', itemId)?.QtyOnHand ?? Number.NaN);

/** Zuper total over all locations as the emulator holds it. */
export const zuperQty = (emulators: BenchEmulators, company: string, productUid: string) =>
  Number(emulators.zuper.admin.product(company, productUid)?.quantity ?? Number.NaN);

/** A QBO invoice selling `qty` of an item at the benchmarks' unit price, entered as a QBO user. Returns its Id. */
export const sellInQbo = (emulators: BenchEmulators, realmId: string, itemId: string, qty: number): string =>
  sellOnInvoice(emulators.qbo.admin, realmId, { itemId, qty, unitPrice: 10 });

/** A Zuper invoice consuming `qty` of a product at the connection's main location, through Zuper's API. */
export const consumeInZuper = (connection: BenchConnection, productUid: string, qty: number): Promise<string> =>
  consumeOnInvoice(connection.zuperApiUrl, connection.zuperApiKey, {
    productUid,
    locationUid: connection.locations.main,
    qty,
    unitPrice: 1,
  });

/** Waits until neither emulator has received a request or had a webhook pending for `quietMs`. */
export async function waitQuiet(emulators: BenchEmulators, quietMs: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const lastSeqs = () =>
    `${emulators.qbo.admin.requestLog().at(-1)?.seq}:${emulators.zuper.admin.requestLog().at(-1)?.seq}`;
  for (;;) {
    await emulators.qbo.admin.waitForWebhooksIdle();
    await emulators.zuper.admin.waitForWebhooksIdle();
    const before = lastSeqs();
    await new Promise((r) => setTimeout(r, quietMs));
    if (lastSeqs() === before) return;
    if (Date.now() > deadline) throw new Error(`the service did not go quiet within ${timeoutMs / 1000} s`);
  }
}
