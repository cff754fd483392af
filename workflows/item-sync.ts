import {
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { SyncItemResult } from '../activities/catalog/sync-item.js';
import type { System } from '../domain/catalog/matching.js';
import { apiActivityOptions } from './activity-options.js';
import { explainFailure, type FailureExplanation } from './failure.js';
import { SyncOutcomeKey } from './search-attributes.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

export interface ItemSyncInput {
  connectionId: string;
  system: System;
  id: string;
  idleTimeoutMs: number;
}

export type ItemSyncResult =
  { status: 'synced'; results: SyncItemResult[] } | { status: 'failed'; failure: FailureExplanation };

export const requestItemSyncSignal = defineSignal<[]>('requestItemSync');

/** One item's definition sync; changes arriving while it runs are synced again right after, never lost. */
export async function itemSyncWorkflow(input: ItemSyncInput): Promise<ItemSyncResult> {
  let requested = true;
  setHandler(requestItemSyncSignal, () => void (requested = true));
  const results: SyncItemResult[] = [];
  const { workflowId, runId } = workflowInfo();
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
        qboItemId: input.system === 'qbo' ? input.id : '',
        zuperProductUid: input.system === 'zuper' ? input.id : '',
        kind: 'item',
        workflowId,
        runId,
        ...failure,
      });
      upsertSearchAttributes([{ key: SyncOutcomeKey, value: failure.status }]);
      return { status: 'failed', failure };
    }
    await condition(() => requested, input.idleTimeoutMs);
  }
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'succeeded' }]);
  return { status: 'synced', results };
}
