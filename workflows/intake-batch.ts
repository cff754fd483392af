import {
  ApplicationFailure,
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { RouteResult } from '../activities/routing/route-changed-items.js';
import { apiActivityOptions, localApiActivityOptions } from './activity-options.js';
import { SyncOutcomeKey } from './search-attributes.js';
import { MOVEMENT_LIST_PATCH, olderRouteChange, olderSettleListedMovements } from './recorded-names.js';

const activities = proxyActivities<Activities>(apiActivityOptions);
const localActivities = proxyLocalActivities<Activities>(localApiActivityOptions);

export const INTAKE_ROUTING_FAILED = 'IntakeRoutingFailed';

/**
 * Batches from this version on load, route and resolve movements in local activities (markers instead of activity
 * tasks): each step on a webhook's path then waits for no task-queue round trip and no further workflow task.
 */
export const LOCAL_INTAKE_ACTIVITIES_PATCH = 'local-intake-activities';

/**
 * Batches from this version on route every change through the one `routeChange` activity and read a movement list
 * through `settleListedMovements`, each naming the system; runs recorded before keep scheduling the per-system
 * names (`olderRouteChange`, `olderSettleListedMovements`), which stay registered on the worker.
 */
export const SIDE_NEUTRAL_ROUTING_PATCH = 'side-neutral-routing';

export interface IntakeBatchResult {
  deliveries: number;
  /** Accounting item ids asked to settle. */
  settled: string[];
  /** Ids the changes named that are linked to nothing. */
  unlinked: string[];
}

/**
 * The webhook changes of one connection that arrived together: each is routed to the items it touched, which are
 * asked to settle. One change failing does not hold the others back; the run then fails naming the deliveries, so a
 * retry (routing is idempotent) picks them up.
 */
export async function intakeBatchWorkflow(batchId: string): Promise<IntakeBatchResult> {
  const run = patched(LOCAL_INTAKE_ACTIVITIES_PATCH) ? localActivities : activities;
  const deliveries = await run.loadIntakeBatch(batchId);
  const sideNeutral = patched(SIDE_NEUTRAL_ROUTING_PATCH);
  const routed = await Promise.allSettled(
    deliveries.map((d): Promise<RouteResult> => {
      if (sideNeutral) return run.routeChange({ system: d.source, change: d.change });
      return olderRouteChange(run, d.source, d.change);
    }),
  );
  // A movement delivery names no product: the whole batch's movements cost one read of the movement list.
  const movements = deliveries.filter((_, i) => {
    const r = routed[i];
    return r?.status === 'fulfilled' && r.value.movement === true;
  });
  const [firstMovement] = movements;
  if (firstMovement && patched(MOVEMENT_LIST_PATCH)) {
    const { connectionId } = firstMovement.change;
    const read = await Promise.allSettled([
      sideNeutral
        ? run.settleListedMovements({ connectionId, system: firstMovement.source })
        : olderSettleListedMovements(run, connectionId),
    ]);
    routed.push(...read);
  }
  const movementsFailed = routed.length > deliveries.length && routed.at(-1)?.status === 'rejected';
  const failed = deliveries
    .filter((d, i) => routed[i]?.status === 'rejected' || (movementsFailed && movements.includes(d)))
    .map((d) => d.deliveryId);
  if (failed.length > 0) {
    upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'failed' }]);
    const [firstError] = routed.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    throw ApplicationFailure.create({
      type: INTAKE_ROUTING_FAILED,
      nonRetryable: true,
      message: `${failed.length} of ${deliveries.length} changes could not be routed: ${firstError?.message ?? ''}`,
      details: [{ deliveryIds: failed }],
      cause: firstError,
    });
  }
  const results = routed.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  return {
    deliveries: deliveries.length,
    settled: [...new Set(results.flatMap((r) => r.settled))],
    unlinked: [...new Set(results.flatMap((r) => r.unlinked))],
  };
}
