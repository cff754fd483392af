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
 * A short read of the service's own database, run as a local activity inside the workflow task: no round trip
 * through the task queue and back, which on the webhook path is a hop every event would wait for.
 */
export const localReadOptions: LocalActivityOptions = {
  startToCloseTimeout: '10s',
  retry: apiActivityOptions.retry,
};
