import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { reconcileWorkflow, type ReconcileInput } from '../workflows/reconcile.js';
import { ConnectionIdKey, SyncKindKey } from '../workflows/search-attributes.js';
import { durationMs } from '../domain/duration.js';
import { reconcileScheduleId } from './workflow-ids.js';

/** Creates or updates the connection's reconciliation schedule; runs never overlap and missed runs catch up once. */
export async function ensureReconcileSchedule(
  client: Client,
  options: { connectionId: string; every: string; taskQueue: string },
): Promise<void> {
  const scheduleId = reconcileScheduleId(options.connectionId);
  const every = durationMs(options.every);
  // The first run comes one interval after the schedule is created (a new connection is linked explicitly),
  // and later updates keep that start, so restarting workers never postpones reconciliation.
  const spec = { intervals: [{ every }], startAt: new Date(Date.now() + every) };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: reconcileWorkflow,
    args: [{ connectionId: options.connectionId, scheduled: true }] as [ReconcileInput],
    taskQueue: options.taskQueue,
    workflowId: scheduleId,
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: options.connectionId },
      { key: SyncKindKey, value: 'reconcile' },
    ],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' },
      typedSearchAttributes: [{ key: ConnectionIdKey, value: options.connectionId }],
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...previous, spec: { ...spec, startAt: previous.spec.startAt }, action }));
  }
}

export const reconcileSchedule = (client: Client, connectionId: string) =>
  client.schedule.getHandle(reconcileScheduleId(connectionId));
