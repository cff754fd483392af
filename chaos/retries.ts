import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

export interface RetryTally {
  workflows: number;
  activities: number;
  /** Attempts beyond the first, over all activities. */
  retries: number;
  /** Retries by activity type. */
  byActivity: Record<string, number>;
}

/** Adds one history's activity attempts: a started event carries the attempt that finally completed or failed. */
export function tallyRetries(history: temporal.api.history.v1.IHistory, into: RetryTally): void {
  const typeOf = new Map<string, string>();
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) typeOf.set(String(event.eventId), scheduled.activityType?.name ?? '?');
    const started = event.activityTaskStartedEventAttributes;
    if (!started) continue;
    into.activities += 1;
    const extra = Math.max(0, (started.attempt ?? 1) - 1);
    if (extra === 0) continue;
    const type = typeOf.get(String(started.scheduledEventId)) ?? '?';
    into.retries += extra;
    into.byActivity[type] = (into.byActivity[type] ?? 0) + extra;
  }
}

/** Counts activity retries over every run on the task queue, from the Temporal histories. */
export async function countRetries(client: Client, taskQueue: string): Promise<RetryTally> {
  const tally: RetryTally = { workflows: 0, activities: 0, retries: 0, byActivity: {} };
  const runs: { workflowId: string; runId: string }[] = [];
  for await (const run of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) runs.push(run);
  let next = 0;
  const reader = async () => {
    while (next < runs.length) {
      const { workflowId, runId } = runs[next++]!;
      tallyRetries(await client.workflow.getHandle(workflowId, runId).fetchHistory(), tally);
      tally.workflows += 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  return tally;
}
