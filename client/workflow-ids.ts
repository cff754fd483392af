import type { Side } from '../domain/sides.js';
import { itemSyncCatalogOf } from '../domain/item-sync-catalog.js';
import type { IntakeSource } from '../domain/intake-batches.js';

// Every workflow id of the service. Running workflows and committed histories carry these ids: never change one.

/** One quantity workflow per linked item, named after its QuickBooks item. */
export const itemQuantityWorkflowId = (connectionId: string, qboItemId: string) => `qty:${connectionId}:${qboItemId}`;

/** One definition sync per item of either side. */
export const itemSyncWorkflowId = (connectionId: string, side: Side, id: string) =>
  `item:${connectionId}:${itemSyncCatalogOf(side)}-${id}`;

/** The batch id is the workflow id: named after the source, the connection and the batch's first delivery. */
export const intakeBatchWorkflowId = (source: IntakeSource, connectionId: string, firstDeliveryId: string) =>
  `intake:${source}:${connectionId}:${firstDeliveryId}`;

export const linkCatalogWorkflowId = (connectionId: string, startedAt: string, dryRun: boolean) =>
  `link:${connectionId}:${dryRun ? 'dry-run' : 'run'}:${startedAt}`;

/** The reconciliation schedule, and the workflow id of the runs it starts (Temporal appends the start time). */
export const reconcileScheduleId = (connectionId: string) => `reconcile:${connectionId}`;

/** A reconciliation started by hand beside the schedule, so both can be found apart. */
export const manualReconcileWorkflowId = (connectionId: string, startedAt: string) =>
  `${reconcileScheduleId(connectionId)}:manual:${startedAt}`;

export const adjustmentWatchWorkflowId = (connectionId: string) => `qbo-adjustment-watch:${connectionId}`;
