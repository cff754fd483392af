import type { WorkflowHandle } from '@temporalio/client';
import type { linkCatalogWorkflow, LinkCatalogResult } from '../../workflows/link-catalog.js';
import { startLinkRun } from '../../client/runs.js';
import type { BenchEmulators } from '../../harness/emulators.js';
import type { BenchStack } from './stack.js';

/** Starts the service's own initial linking (the real run, not the dry run). */
export function startLinkCatalog(
  stack: BenchStack,
  connectionId: string,
): Promise<WorkflowHandle<typeof linkCatalogWorkflow>> {
  return startLinkRun({ client: stack.ctx.temporal, taskQueue: stack.taskQueue }, connectionId, false);
}

/**
 * Links a catalog and waits for the result, or `boundMs` at most: not a measuring window, a run not finished by then has
 * hung (result null; the caller terminates it once it has read what it counts). Real seconds from the start.
 */
export async function linkCatalogWithinBound(stack: BenchStack, connectionId: string, boundMs: number) {
  const started = performance.now();
  const handle = await startLinkCatalog(stack, connectionId);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), boundMs)));
  const result = await Promise.race([handle.result(), bound]);
  clearTimeout(timer);
  return { handle, result, realSeconds: (performance.now() - started) / 1000 };
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
