import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type { AnnouncedChange } from '../domain/change-events.js';
import type { SettlePlan } from '../domain/settle-plan.js';
import type { Side } from '../domain/sides.js';
import type { System } from '../domain/systems.js';

/**
 * Names that workflow histories recorded before the sides were named: patch ids, the activity names older runs
 * schedule (registered by activities/recorded-activity-names.ts) and search attribute names. They must stay exactly
 * as recorded for running workflows and committed histories to replay; each can go with the last such run or
 * history (and, for the search attributes, once deployments have moved their saved filters).
 */

/** Batches from this version on resolve the field side's movement deliveries with one read of the movement list. */
export const MOVEMENT_LIST_PATCH = 'zuper-movement-list';

/** Link runs from this version on carry out a chunk of actions sized to the accounting side's batch request. */
export const LINK_CHUNK_PER_BATCH_PATCH = 'link-chunk-per-qbo-batch';

/**
 * The item ids under the names they had before the sides were named (README, "Temporal UI"): still written beside
 * `AccountingItemId`/`FieldItemId` so that list filters saved before keep finding new runs. Nothing reads them.
 */
export const olderItemIdKeys = {
  accounting: defineSearchAttributeKey('QboItemId', SearchAttributeType.KEYWORD),
  field: defineSearchAttributeKey('ZuperProductUid', SearchAttributeType.KEYWORD),
};

type Recorded = Pick<
  Activities,
  'applyQboMovement' | 'applyZuperMovement' | 'routeQboChange' | 'routeZuperChange' | 'settleZuperMovements'
>;

/** One side's movement as runs from before the side-neutral settle schedule it. */
export const olderApplyMovement = (run: Recorded, plan: SettlePlan, side: Side, resumed: boolean) =>
  side === 'accounting' ? run.applyQboMovement(plan, resumed) : run.applyZuperMovement(plan, resumed);

/** A change's routing as batches from before side-neutral routing schedule it. */
export const olderRouteChange = (run: Recorded, source: System, change: AnnouncedChange) =>
  source === 'qbo' ? run.routeQboChange(change) : run.routeZuperChange(change);

/** The movement list's read as batches from before side-neutral routing schedule it. */
export const olderSettleListedMovements = (run: Recorded, connectionId: string) =>
  run.settleZuperMovements(connectionId);

/** The watch's poll as watch runs from before the side-neutral name schedule it. */
export const olderWatchActivity = (run: Pick<Activities, 'watchQboAdjustments'>) => run.watchQboAdjustments;
