import type { ScheduleDescription } from '@temporalio/client';
import type { ScheduleView } from './contract/schedule.js';

/** The parts of a Temporal schedule description an operator needs. */
export function scheduleView(d: ScheduleDescription): ScheduleView {
  const interval = d.spec.intervals?.[0];
  return {
    scheduleId: d.scheduleId,
    state: d.state.paused ? 'paused' : 'running',
    note: d.state.note ?? null,
    everySeconds: interval ? Math.round(interval.every / 1000) : null,
    nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentRuns: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
  };
}
