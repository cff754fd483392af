import type { ScheduleAnswer, ScheduleView } from '../../operator/contract/schedule.js';
import { formatFields } from './table.js';
import { seconds, when } from './words.js';

export const scheduleLine = (s: ScheduleView | null) =>
  s
    ? `${s.state}${s.everySeconds ? `, every ${seconds(s.everySeconds)}` : ''}${s.state === 'running' && s.nextRuns[0] ? `, next ${when(s.nextRuns[0])}` : ''}${s.note ? ` (${s.note})` : ''}`
    : 'none (configure the connection to create it)';

const done = {
  describe: null,
  pause: 'Paused: no reconciliation runs until it is resumed.',
  resume: 'Resumed.',
  trigger: 'Triggered a reconciliation now (skipped if one is already running).',
} as const;

export function formatScheduleView(s: ScheduleView): string {
  return formatFields([
    ['State', s.state + (s.note ? ` (${s.note})` : '')],
    ['Every', s.everySeconds ? seconds(s.everySeconds) : '–'],
    ['Next runs', s.state === 'paused' ? '– (paused)' : s.nextRuns.map(when).join(', ') || '–'],
    ['Recent runs', s.recentRuns.map((r) => `${when(r.takenAt)} ${r.workflowId}`).join('\n' + ' '.repeat(15)) || '–'],
    ['Running now', s.runningWorkflowIds.join(', ') || '–'],
  ]);
}

export function formatScheduleAnswer(a: ScheduleAnswer): string {
  const head = `Reconciliation schedule of ${a.connectionId} (${a.schedule.scheduleId})`;
  return [done[a.action], head, formatScheduleView(a.schedule)].filter((l): l is string => l !== null).join('\n');
}
