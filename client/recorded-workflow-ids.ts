import type { Side } from '../domain/sides.js';
import { olderItemSyncCatalogOf } from '../domain/recorded-shapes/item-sync-target.js';

/**
 * Workflow ids that runs started before the ids named sides still run under, named after the systems they were for.
 * The client looks for them so that a request reaches such a run or the service replaces it; each can go once no
 * run under it is left (client/workflow-ids.ts holds the current ids).
 */

/**
 * The id the same item's definition sync had before ids named the side (`item:c1:qbo-19`, `item:c1:zuper-p7`): a run
 * started then may still be running, and a request for the item goes to it (client/item-sync.ts).
 */
export const olderItemSyncWorkflowId = (connectionId: string, side: Side, id: string) =>
  `item:${connectionId}:${olderItemSyncCatalogOf(side)}-${id}`;

/**
 * The id the watch had when only QuickBooks Online was watched: a watch started then runs on under it (it continues
 * as new) until the service replaces it (client/adjustment-watch.ts).
 */
export const olderAdjustmentWatchWorkflowId = (connectionId: string) => `qbo-adjustment-watch:${connectionId}`;
