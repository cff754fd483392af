import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { type SettleRequest, type SettleResult } from '../domain/settle-request.js';
import { inSyncQuantitiesOf, type StoredSettleResult } from '../domain/recorded-shapes/settle-request.js';
import type { StoredPlanSettleResult } from '../activities/quantity/types.js';
import { apiActivityOptions } from './activity-options.js';
import { explainFailure } from './failure.js';
import { SyncOutcomeKey } from './search-attributes.js';
import { olderApplyMovement } from './recorded-names.js';
import { settleOutcomeOf, settlePlanOf } from '../domain/recorded-shapes/settle-plan.js';
import { sides } from '../domain/sides.js';
import { type LinkedItemIds } from '../domain/item-ids.js';
import { linkedItemIdsOf, type ItemIdsInput } from '../domain/recorded-shapes/item-ids.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

export type { SettleRequest, SettleResult };

/** The item's ids; runs started before the side-neutral settle name them as `linkedItemIdsOf` reads them. */
export type ItemQuantityInput = ItemIdsInput & {
  connectionId: string;
  /** How long to wait for more work before the run completes (a later event starts a new one). */
  idleTimeoutMs: number;
  /** Settle passes per run before continuing as new, keeping the history small. */
  settlesPerRun?: number;
  /** Requests carried over a continue-as-new. */
  carried?: SettleRequest[];
};

export interface ItemQuantityState {
  queued: number;
  settles: number;
  lastResult: SettleResult | null;
}

export const requestSettleSignal = defineSignal<[SettleRequest]>('requestSettle');
/** Runs of versions before the side-neutral result answer it in the older shape (`settleResultOf` reads both). */
export const settleNowUpdate = defineUpdate<StoredSettleResult, [SettleRequest]>('settleNow');
export const itemQuantityStateQuery = defineQuery<ItemQuantityState>('itemQuantityState');

/**
 * Runs from this version on settle once more before continuing as new when a `settleNow` update is still queued: an
 * update cannot cross a continue-as-new, and the run would otherwise wait for its answer forever.
 */
export const ANSWER_UPDATES_BEFORE_CONTINUE_PATCH = 'answer-updates-before-continue-as-new';

/**
 * Runs from this version on apply a plan's movements through the side-neutral `applyMovement` activity; runs started
 * before it keep scheduling the per-side names their histories recorded (`olderApplyMovement`).
 */
export const SIDE_NEUTRAL_MOVEMENTS_PATCH = 'side-neutral-movements';

/**
 * Runs from this version on ask `planSettle` to apply a plan that moves one side only, saving the round trip through
 * Temporal between the plan and its one write; runs started before it schedule `applyMovement` for every side.
 */
export const FOLD_ONE_SIDED_APPLY_PATCH = 'fold-one-sided-apply';

/**
 * One per linked item: the only place that settles its quantity, so settles never overlap. Bursts of requests
 * coalesce into one pass; the run ends after an idle period and continues as new well before history limits.
 */
export async function itemQuantityWorkflow(started: ItemQuantityInput): Promise<ItemQuantityState> {
  const input = currentInput(started);
  const queue: { request: SettleRequest; ticket: number; awaited: boolean }[] = [];
  const results = new Map<number, SettleResult>();
  let nextTicket = 0;
  const state: ItemQuantityState = { queued: 0, settles: 0, lastResult: null };
  const enqueue = (request: SettleRequest, awaited = false) => {
    const ticket = nextTicket++;
    queue.push({ request, ticket, awaited });
    return ticket;
  };
  for (const request of input.carried ?? []) enqueue(request);

  setHandler(requestSettleSignal, (request) => void enqueue(request));
  setHandler(settleNowUpdate, async (request) => {
    const ticket = enqueue(request, true);
    await condition(() => results.has(ticket));
    const result = results.get(ticket)!;
    results.delete(ticket);
    return result;
  });
  setHandler(itemQuantityStateQuery, () => ({ ...state, queued: queue.length }));

  const settlesPerRun = input.settlesPerRun ?? 200;
  for (;;) {
    const hasWork = await condition(() => queue.length > 0, input.idleTimeoutMs);
    if (!hasWork) break;
    const batch = queue.splice(0, queue.length);
    let result = await settleOnce(
      input,
      batch.map((b) => b.request),
    );
    // A resumed plan settled what an earlier run decided; settle again for what changed since.
    while (result.resumed) result = await settleOnce(input, [{ reason: 'after resuming an interrupted settle' }]);
    for (const { ticket } of batch) results.set(ticket, result.result);
    state.settles += 1;
    state.lastResult = result.result;
    const bounded = state.settles >= settlesPerRun || workflowInfo().continueAsNewSuggested;
    const updateWaits = queue.some((q) => q.awaited);
    if (bounded && !(updateWaits && patched(ANSWER_UPDATES_BEFORE_CONTINUE_PATCH))) break;
  }
  await condition(allHandlersFinished);
  if (queue.length > 0 || state.settles >= settlesPerRun) {
    await continueAsNew<typeof itemQuantityWorkflow>({ ...input, carried: queue.map((q) => q.request) });
  }
  return state;
}

type CurrentInput = Omit<ItemQuantityInput, keyof ItemIdsInput> & LinkedItemIds;

function currentInput(started: ItemQuantityInput): CurrentInput {
  const { connectionId, idleTimeoutMs, settlesPerRun, carried } = started;
  return {
    connectionId,
    ...linkedItemIdsOf(started),
    idleTimeoutMs,
    ...(settlesPerRun === undefined ? {} : { settlesPerRun }),
    ...(carried === undefined ? {} : { carried }),
  };
}

async function settleOnce(
  input: CurrentInput,
  requests: SettleRequest[],
): Promise<{ result: SettleResult; resumed: boolean }> {
  const { workflowId, runId } = workflowInfo();
  const reason = [...new Set(requests.map((r) => r.reason))].join('; ');
  // A bulk snapshot is only trustworthy when every request came from the bulk read; events are newer than it.
  const snapshot = requests.every((r) => r.snapshot) ? requests[requests.length - 1]?.snapshot : undefined;
  // Only one side changed when every request names it; anything else (a retry, a new link, mixed origins) reads both.
  const origin = requests[0]?.origin;
  const readOnly = !snapshot && origin && requests.every((r) => r.origin === origin) ? origin : undefined;
  try {
    // Histories recorded before the side-neutral result hold an in-sync answer in the older shape.
    const planned: StoredPlanSettleResult = await activities.planSettle({
      connectionId: input.connectionId,
      accountingItemId: input.accountingItemId,
      reason,
      ...(snapshot ? { snapshot } : {}),
      ...(readOnly ? { readOnly } : {}),
      ...(patched(FOLD_ONE_SIDED_APPLY_PATCH) ? { applyOneSided: true as const } : {}),
    });
    if (planned.kind === 'in-sync') {
      return { result: { status: 'in-sync', ...inSyncQuantitiesOf(planned) }, resumed: false };
    }
    // Histories recorded before the side-neutral settle hold plans in the flat shape.
    const plan = settlePlanOf(planned.plan);
    const refs = { accounting: null as string | null, field: null as string | null };
    for (const side of sides) {
      if (plan[side].move === 0) continue;
      if (planned.applied?.side === side) {
        refs[side] = planned.applied.ref;
        continue;
      }
      refs[side] = patched(SIDE_NEUTRAL_MOVEMENTS_PATCH)
        ? await activities.applyMovement({ plan, side, resumed: planned.resumed })
        : await olderApplyMovement(activities, plan, side, planned.resumed);
    }
    const outcome = await activities.commitSettle({ plan, refs, workflowId, runId });
    upsertSearchAttributes([{ key: SyncOutcomeKey, value: 'succeeded' }]);
    return { result: { status: 'settled', outcome: settleOutcomeOf(outcome) }, resumed: planned.resumed };
  } catch (error) {
    const failure = explainFailure(error);
    await activities.recordSyncFailure({
      connectionId: input.connectionId,
      accountingItemId: input.accountingItemId,
      fieldItemId: input.fieldItemId,
      kind: 'quantity',
      workflowId,
      runId,
      ...failure,
    });
    upsertSearchAttributes([{ key: SyncOutcomeKey, value: failure.status }]);
    return { result: { status: 'failed', failure }, resumed: false };
  }
}
