import { activityInfo } from '@temporalio/activity';

/**
 * When the running activity's first attempt was scheduled, if this is a retry: an earlier attempt may then have
 * written and lost the answer, and what it wrote is no older. Null on a first attempt, which nothing can precede.
 */
export function earlierAttemptsSince(): Date | null {
  const { attempt, scheduledTimestampMs } = activityInfo();
  return attempt > 1 ? new Date(scheduledTimestampMs) : null;
}
