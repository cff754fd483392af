import type { Side } from '../domain/sides.js';
import type { IntakeSource } from '../domain/intake-batches.js';

// Every workflow id of the service. Running workflows and committed histories carry these ids: never change one.

/** One quantity workflow per linked item, named after its accounting-side item (the first sync's ids kept this form). */
export const itemQuantityWorkflowId = (connectionId: string, accountingItemId: string) =>
  `qty:${connectionId}:${accountingItemId}`;

/** One definition sync per item of either side, named after the side (`item:c1:accounting-19`, `item:c1:field-p7`). */
export const itemSyncWorkflowId = (connectionId: string, side: Side, id: string) =>
  `item:${connectionId}:${side}-${id}`;

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

/** One quantity watch per connection, of its accounting side's unannounced changes. */
export const adjustmentWatchWorkflowId = (connectionId: string) => `quantity-watch:${connectionId}`;
