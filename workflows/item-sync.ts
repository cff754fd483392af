import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { SyncItemResult } from '../activities/catalog/sync-item.js';
import { itemSyncTargetOf, type ItemSyncTargetInput } from '../domain/recorded-shapes/item-sync-target.js';
import { apiActivityOptions } from './activity-options.js';
import { explainFailure, type FailureExplanation } from './failure.js';
import { SyncOutcomeKey } from './search-attributes.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

/**
 * The item is named by its side and id (`side`, `itemId`); runs started before name it by catalog (`system`,
 * `id`), read by `itemSyncTargetOf`. A run continues as new with the current names.
 */
export type ItemSyncInput = ItemSyncTargetInput & {
  connectionId: string;
  idleTimeoutMs: number;
  /** Syncs per run before continuing as new, keeping the history small. */
  syncsPerRun?: number;
  /** Set by continue-as-new: whether a change arrived that the previous run did not sync yet. */
  pending?: boolean;
};

export type ItemSyncResult =
  { status: 'synced'; results: SyncItemResult[] } | { status: 'failed'; failure: FailureExplanation };

export const requestItemSyncSignal = defineSignal<[]>('requestItemSync');

/** Runs from this version on continue as new after `syncsPerRun` syncs; older runs keep their one growing run. */
export const ITEM_SYNC_CONTINUE_AS_NEW_PATCH = 'item-sync-continue-as-new';

/**
 * One item's definition sync; changes arriving while it runs are synced again right after, never lost. The run
 * ends after an idle period and continues as new after `syncsPerRun` syncs, so a steady stream of changes never
 * grows one history without bound.
 */
export async function itemSyncWorkflow(input: ItemSyncInput): Promise<ItemSyncResult> {
  // A start is itself a request; a continued run syncs first only if a change was left over.
  let requested = input.pending ?? true;
  setHandler(requestItemSyncSignal, () => void (requested = true));
  if (!requested) await condition(() => requested, input.idleTimeoutMs);
  const results: SyncItemResult[] = [];
  const { workflowId, runId } = workflowInfo();
  const { side, itemId } = itemSyncTargetOf(input);
  const syncsPerRun = input.syncsPerRun ?? 200;
  while (requested) {
    requested = false;
    try {
      results.push(await activities.syncItem({ connectionId: input.connectionId, side, itemId, workflowId, runId }));
    } catch (error) {
      const failure = explainFailure(error);
      await activities.recordSyncFailure({
        connectionId: input.connectionId,
        accountingItemId: side === 'accounting' ? itemId : '',
        fieldItemId: side === 'field' ? itemId : '',
        kind: 'item',
        workflowId,
        runId,
        ...failure,
      });
      upsertSearchAttributes([{ key: SyncOutcomeKey, value: failure.status }]);
      return { status: 'failed', failure };
    }
    if (
      (results.length >= syncsPerRun || workflowInfo().continueAsNewSuggested) &&
      patched(ITEM_SYNC_CONTINUE_AS_NEW_PATCH)
    ) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof itemSyncWorkflow>({
        connectionId: input.connectionId,
        side,
        itemId,
        idleTimeoutMs: input.idleTimeoutMs,
        ...(input.syncsPerRun === undefined ? {} : { syncsPerRun: input.syncsPerRun }),
        pending: requested,
      });
    }
    await condition(() => requested, input.idleTimeoutMs);
  }
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'succeeded' }]);
  return { status: 'synced', results };
}
