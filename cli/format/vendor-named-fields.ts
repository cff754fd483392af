import type { ConnectionSummary } from '../../operator/contract/connection.js';
import type { ConnectionStatusView, StatusAnswer } from '../../operator/contract/status.js';
import type { MeteredReadUsageView } from '../../operator/contract/vendor-named-fields.js';

/**
 * What the CLI shows from the operator API's fields named after a system (operator/contract/vendor-named-fields.ts):
 * the one module of `cli/` that names a system (test/scripts/names-no-system.test.ts). The connection list's and status's
 * columns and lines keep the wording scripts and people know.
 */

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** The app-wide metered read usage: one line, prefixed with its level when it warns. */
export const readUsageLine = (u: MeteredReadUsageView) => u.message;

/** Whether the app's metered reads ran out (or will this month), which needs someone to act. */
export const readsCritical = (s: Pick<ConnectionStatusView, 'qboReads'>) => s.qboReads.app.level === 'critical';

export const appReadsCritical = (answer: StatusAnswer) => answer.qboReads.level === 'critical';

/** The whole app's metered reads, the first line of `qzsync status`. */
export const appReadsLine = (answer: StatusAnswer) => `QuickBooks reads, whole app: ${readUsageLine(answer.qboReads)}`;

/** A connection's status lines from the older field account and its metered reads. */
export const fieldAccountRow = (s: ConnectionStatusView): [string, string] => [
  'Zuper',
  s.zuper.connected ? `${s.zuper.company ?? '?'} at ${s.zuper.apiUrl ?? '?'}` : 'not connected',
];

export const readRows = (s: ConnectionStatusView): [string, string][] => [
  [
    'QBO reads',
    `${s.qboReads.thisMonth.toLocaleString('en-US')} in ${s.qboReads.app.month} ` +
      `(${percent(s.qboReads.thisMonth / s.qboReads.app.allowance)} of the app's monthly allowance)`,
  ],
  ['App QBO reads', readUsageLine(s.qboReads.app)],
];

/** The connection list's columns of each system, from the older fields. */
export const connectionListColumns = ['QUICKBOOKS', 'ZUPER'];

export const connectionListCells = (c: ConnectionSummary) => [
  c.qboConnected ? `company ${c.qboRealmId ?? '?'}` : 'not connected',
  c.zuperConnected ? (c.zuperCompany ?? 'connected') : 'not connected',
];
