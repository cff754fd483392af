import type { Configured, Disconnected } from '../../operator/contract/connect.js';
import { describeSideSettings } from '../../integrations/connection-settings.js';
import type { RetryAnswer } from '../../operator/contract/retry.js';
import { formatScheduleView } from './schedule.js';
import { formatFields } from './table.js';
import { indent, systemName } from './words.js';

export const formatDisconnected = (d: Disconnected) =>
  [
    `Disconnected ${systemName(d.system)} from "${d.connectionId}":`,
    ...d.done.map((s) => `  done: ${s}`),
    ...d.warnings.map((s) => `  WARNING: ${s}`),
  ].join('\n');

export function formatConfigured(c: Configured): string {
  const s = c.settings;
  return [
    `Saved the settings of "${c.connectionId}":`,
    formatFields([
      ['Product master', c.names[s.productMaster].system],
      ...describeSideSettings(s.field),
      ['Minimum quantity', String(s.minQuantity)],
      ['Non-inventory quantity', String(s.nonInventoryQuantity)],
      ...describeSideSettings(s.accounting),
      ['Reconcile every', s.reconcileEvery],
    ]),
    ...c.notKept.map((why) => `Not kept: ${why}.`),
    'Reconciliation schedule:',
    indent(formatScheduleView(c.schedule)),
    `Run \`qzsync check ${c.connectionId}\` to verify both systems are ready.`,
  ].join('\n');
}

export const formatRetry = (r: RetryAnswer) =>
  `Retrying history entry #${r.historyId} (${r.kind}): ${r.description}\n  Workflow ${r.workflowId}${r.runId ? ` (run ${r.runId})` : ''}. Follow it with \`qzsync history\`.`;
