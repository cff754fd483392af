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
import type { ItemSyncCatalog } from '../domain/item-sync-catalog.js';
import { sideOfSystem } from '../domain/systems.js';
import { apiActivityOptions } from './activity-options.js';
import { explainFailure, type FailureExplanation } from './failure.js';
import { SyncOutcomeKey } from './search-attributes.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

export interface ItemSyncInput {
  connectionId: string;
  system: ItemSyncCatalog;
  id: string;
  idleTimeoutMs: number;
  /** Syncs per run before continuing as new, keeping the history small. */
  syncsPerRun?: number;
  /** Set by continue-as-new: whether a change arrived that the previous run did not sync yet. */
  pending?: boolean;
}

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
  const syncsPerRun = input.syncsPerRun ?? 200;
  while (requested) {
    requested = false;
    try {
      results.push(
        await activities.syncItem({
          connectionId: input.connectionId,
          system: input.system,
          id: input.id,
          workflowId,
          runId,
        }),
      );
    } catch (error) {
      const failure = explainFailure(error);
      await activities.recordSyncFailure({
        connectionId: input.connectionId,
        accountingItemId: sideOfSystem(input.system) === 'accounting' ? input.id : '',
        fieldItemId: sideOfSystem(input.system) === 'field' ? input.id : '',
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
      await continueAsNew<typeof itemSyncWorkflow>({ ...input, pending: requested });
    }
    await condition(() => requested, input.idleTimeoutMs);
  }
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'succeeded' }]);
  return { status: 'synced', results };
}
