import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import { CONNECTION_UNAUTHORIZED, NEEDS_ATTENTION } from './failure.js';

/** API calls: short timeouts, fast backoff (throttles carry their own delay), give up after ~15 minutes. */
export const apiActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '200ms',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    maximumAttempts: 25,
    nonRetryableErrorTypes: [NEEDS_ATTENTION, CONNECTION_UNAUTHORIZED],
  },
};

/** Bulk reads over whole catalogs: heartbeats so a lost worker is noticed and paging resumes elsewhere. */
export const bulkActivityOptions: ActivityOptions = {
  ...apiActivityOptions,
  startToCloseTimeout: '30m',
  heartbeatTimeout: '1m',
};

/**
 * The same calls run as local activities, inside the workflow task: no round trip through the task queue and back,
 * for the short steps every webhook waits for. A call that outlasts the workflow task timeout keeps its task alive.
 */
export const localApiActivityOptions: LocalActivityOptions = {
  startToCloseTimeout: apiActivityOptions.startToCloseTimeout!,
  retry: apiActivityOptions.retry!,
};

/**
 * A perpetual poll (the quantity watch): API timeouts, but it never gives up, because a watch that failed would watch
 * nothing until the next start-up. A system reached when it polls may read only at its connector's next session, which may stay away
 * for a day; each attempt finds the same queued read, and attempts are not recorded in the history.
 */
export const pollActivityOptions: ActivityOptions = { ...apiActivityOptions, retry: unboundedRetry() };

/** The API retry policy without its attempt limit (Temporal takes an absent limit as none). */
function unboundedRetry(): ActivityOptions['retry'] {
  const { maximumAttempts: _limit, ...retry } = apiActivityOptions.retry ?? {};
  return retry;
}
