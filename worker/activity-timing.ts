import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { metrics } from '../observability/metrics.js';

/**
 * Times every activity attempt this worker runs, by activity type and outcome: one interceptor instead of a timer in
 * each activity.
 */
export const activityTiming: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const done = metrics.activitySeconds.startTimer({ activity: ctx.info.activityType });
      try {
        const result = await next(input);
        done({ outcome: 'completed' });
        return result;
      } catch (error) {
        done({ outcome: error instanceof CancelledFailure ? 'cancelled' : 'failed' });
        throw error;
      }
    },
  },
});
