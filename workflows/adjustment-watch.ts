import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  afterPoll,
  defaultWatchPacing,
  initialWatchState,
  type WatchPacing,
  type WatchState,
} from '../domain/adjustment-watch.js';
import { apiActivityOptions } from './activity-options.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

export interface AdjustmentWatchInput {
  connectionId: string;
  pacing?: WatchPacing;
  /** Carried across continue-as-new. */
  state?: WatchState;
}

/** Polls per run before continuing as new, which keeps the history short. */
const POLLS_PER_RUN = 500;

/**
 * The QuickBooks quantity watch of one connection: catches stock adjustments entered in QuickBooks, which send no
 * webhook, within one interval (see domain/adjustment-watch.ts for the pacing and its cost).
 */
export async function adjustmentWatchWorkflow(input: AdjustmentWatchInput): Promise<void> {
  const pacing = input.pacing ?? defaultWatchPacing;
  let state = input.state ?? initialWatchState(Date.now(), pacing);
  for (let poll = 0; poll < POLLS_PER_RUN; poll++) {
    const result = await activities.watchQboAdjustments(input.connectionId);
    state = afterPoll(state, result.adjustments, Date.now(), pacing);
    // Stretched while the whole app's QuickBooks reads are at or projected past the monthly allowance.
    await sleep(Math.round(state.intervalMs * (result.readStretch ?? 1)));
  }
  await continueAsNew<typeof adjustmentWatchWorkflow>({ ...input, pacing, state });
}
