import type {
  Configured,
  Disconnected,
  QbdConnected,
  QbdConnectorFile,
  QboConnectLink,
  ZuperConnected,
} from '../../operator/contract/connect.js';
import { describeSideSettings } from '../../integrations/connection-settings.js';
import type { RetryAnswer } from '../../operator/contract/retry.js';
import { formatScheduleView } from './schedule.js';
import { formatFields } from './table.js';
import { indent, plural, systemName } from './words.js';

export const formatQboLink = (l: QboConnectLink) =>
  `Open this link in a browser and sign in to QuickBooks as a company admin to connect "${l.connectionId}" (it is valid for one hour):\n  ${l.url}`;

/** A run interval in words: whole minutes in minutes, else seconds. */
const interval = (seconds: number) => (seconds % 60 === 0 ? plural(seconds / 60, 'minute') : plural(seconds, 'second'));

const webConnectorCalls = (q: QbdConnectorFile) =>
  `The Web Connector will call ${q.appUrl} every ${interval(q.runEverySeconds)}.`;

export const formatQbdConnected = (q: QbdConnected) =>
  [
    `Web Connector login for "${q.connectionId}" (the password is shown only now; connecting again replaces it):`,
    `  username: ${q.username}`,
    `  password: ${q.password}`,
    `Save the file below as ${q.fileName}, open it in the QuickBooks Web Connector (Add an application) and`,
    `type the password there. ${webConnectorCalls(q)}`,
    '',
    q.qwc,
  ].join('\n');

export const formatQwc = (q: QbdConnectorFile) =>
  [
    `The .qwc file of "${q.connectionId}" for Web Connector user ${q.username} (the password is unchanged).`,
    `Save it as ${q.fileName} and open it in the QuickBooks Web Connector. ${webConnectorCalls(q)}`,
    '',
    q.qwc,
  ].join('\n');

export const formatZuperConnected = (z: ZuperConnected) =>
  [
    `Connected "${z.connectionId}" to Zuper company ${z.company} at ${z.apiUrl}.`,
    `Registered ${plural(z.webhooks.length, 'webhook')} → ${z.webhookUrl}` +
      (z.replaced ? ` (replacing ${plural(z.replaced, 'earlier one')})` : '') +
      ':',
    ...z.webhooks.map((w) => `  ${w.event}  (${w.uid})`),
  ].join('\n');

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
