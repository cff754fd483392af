import { ScheduleNotFoundError } from '@temporalio/client';
import type { AppContext } from '../service/context.js';
import { reconcileSchedule } from '../client/schedules.js';
import type { ScheduleAnswer, ScheduleView } from './contract/schedule.js';
import { scheduleView } from './schedule-view.js';

export type ScheduleAction = ScheduleAnswer['action'];

/** The connection's reconciliation schedule, or null when it has none yet (never configured). */
export async function findSchedule(ctx: AppContext, connectionId: string): Promise<ScheduleView | null> {
  try {
    return scheduleView(await reconcileSchedule(ctx.temporal, connectionId).describe());
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return null;
    throw error;
  }
}

/**
 * Pauses, resumes or triggers the reconciliation schedule (or just describes it). A trigger follows the schedule's
 * overlap policy: it is skipped while a reconciliation is still running.
 */
export async function controlSchedule(
  ctx: AppContext,
  connectionId: string,
  action: ScheduleAction,
): Promise<ScheduleAnswer> {
  await ctx.store.connections.get(connectionId);
  const handle = reconcileSchedule(ctx.temporal, connectionId);
  if (action === 'pause') await handle.pause('paused with qzsync');
  if (action === 'resume') await handle.unpause('resumed with qzsync');
  if (action === 'trigger') await handle.trigger();
  return { connectionId, action, schedule: scheduleView(await handle.describe()) };
}
