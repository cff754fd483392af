import { itemSyncWorkflow, type ItemSyncResult } from '../../workflows/item-sync.js';
import { linkCatalogWorkflow, type LinkCatalogResult } from '../../workflows/link-catalog.js';
import type { SyncStack } from './sync-stack.js';
import { itemSyncWorkflowId } from '../../client/workflow-ids.js';
import { sideOfSystem } from '../../domain/systems.js';

let sequence = 0;

/** Runs one item's definition sync to completion, as a webhook would trigger it. */
export function syncItemNow(stack: SyncStack, system: 'qbo' | 'zuper', id: string): Promise<ItemSyncResult> {
  return stack.temporal.workflow.execute(itemSyncWorkflow, {
    workflowId: `${itemSyncWorkflowId(stack.connectionId, sideOfSystem(system), id)}:${sequence++}`,
    taskQueue: stack.taskQueue,
    args: [{ connectionId: stack.connectionId, side: sideOfSystem(system), itemId: id, idleTimeoutMs: 10 }],
  });
}

export function linkNow(stack: SyncStack, dryRun: boolean): Promise<LinkCatalogResult> {
  return stack.temporal.workflow.execute(linkCatalogWorkflow, {
    workflowId: `link-${stack.connectionId}-${sequence++}`,
    taskQueue: stack.taskQueue,
    args: [{ connectionId: stack.connectionId, dryRun }],
  });
}

/** Creates a Zuper product through the API (as a Zuper user) and returns its uid. */
export async function createZuperProduct(stack: SyncStack, product: Record<string, unknown>): Promise<string> {
  const answer = await stack.zuperApi('POST', '/product', { product });
  return (answer.data as { product_uid: string }).product_uid;
}

export const zuperCategoryUid = (stack: SyncStack) =>
  stack.zuper.admin.listCompanies().find((c) => c.company_name === stack.zuperCompany)!.category_uids[0]!;

/** The QBO item as the emulator holds it. */
export const qboItem = (stack: SyncStack, id: string) =>
  stack.qbo.admin.getEntity(stack.realmId, 'Item', id) as unknown as Record<string, unknown> & {
    Name: string;
    Active: boolean;
    Type: string;
    UnitPrice?: number;
    QtyOnHand?: number;
    ParentRef?: { value: string };
    IncomeAccountRef?: { value: string };
    AssetAccountRef?: { value: string };
  };

export const zuperProduct = (stack: SyncStack, uid: string) =>
  stack.zuper.admin.product(stack.zuperCompany, uid) as Record<string, unknown> & {
    product_name: string;
    product_type: string;
    is_available: boolean;
    price: number;
    product_category: { category_uid: string; category_name: string };
    location_availability: { location: { location_uid: string }; quantity: number; min_quantity: number | null }[];
  };
