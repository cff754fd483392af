import { continueAsNew, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  afterPoll,
  currentPacing,
  defaultWatchPacing,
  initialWatchState,
  queryEraDefaultPacing,
  type WatchPacing,
  type WatchState,
} from '../domain/adjustment-watch.js';
import { pollActivityOptions } from './activity-options.js';
import { olderWatchActivity } from './recorded-names.js';

const activities = proxyActivities<Activities>(pollActivityOptions);

export interface AdjustmentWatchInput {
  connectionId: string;
  pacing?: WatchPacing;
  /** Carried across continue-as-new. */
  state?: WatchState;
}

/** Watches started before change data capture keep their carried pacing on replay; new code uses the current one. */
export const CURRENT_WATCH_PACING_PATCH = 'watch-current-pacing';

/**
 * Runs from this version on poll through the side-neutral `watchUnannouncedChanges` activity; runs started before it
 * keep scheduling the name their histories recorded (`olderWatchActivity`; the worker registers both).
 */
export const SIDE_NEUTRAL_WATCH_PATCH = 'side-neutral-watch-activity';

/** Polls per run before continuing as new, which keeps the history short. */
const POLLS_PER_RUN = 500;

/**
 * The quantity watch of one connection's accounting system: catches stock changes made there that no webhook
 * announces (an adjustment may send none; a sale's webhook can be lost; a system may announce nothing) within one
 * interval, or at each session of a system reached when it polls (see domain/adjustment-watch.ts for the pacing and its cost).
 */
export async function adjustmentWatchWorkflow(input: AdjustmentWatchInput): Promise<void> {
  const followsDefault = patched(CURRENT_WATCH_PACING_PATCH);
  const pacing = followsDefault ? currentPacing(input.pacing) : (input.pacing ?? queryEraDefaultPacing);
  const watchChanges = patched(SIDE_NEUTRAL_WATCH_PATCH)
    ? activities.watchUnannouncedChanges
    : olderWatchActivity(activities);
  let state = input.state ?? initialWatchState(Date.now(), pacing);
  for (let poll = 0; poll < POLLS_PER_RUN; poll++) {
    const result = await watchChanges(input.connectionId);
    state = afterPoll(state, result.adjustments, Date.now(), pacing);
    // Stretched while the whole app's metered reads are at or projected past the monthly allowance.
    await sleep(Math.round(state.intervalMs * (result.readStretch ?? 1)));
  }
  // The default is not carried, so the next run takes whatever the default is then.
  const carried = followsDefault && pacing === defaultWatchPacing ? undefined : pacing;
  await continueAsNew<typeof adjustmentWatchWorkflow>({ ...input, pacing: carried, state });
}
