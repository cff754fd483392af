import type { ConnectionStatusView, StatusAnswer, CredentialStatusView } from '../../operator/contract/status.js';
import { describeSideSettings } from '../../integrations/connection-settings.js';
import { explanationLines, itemLabel } from './history.js';
import { formatQuantities } from './quantities.js';
import { scheduleLine } from './schedule.js';
import { formatFields } from './table.js';
import { appReadsCritical, appReadsLine, fieldAccountRow, readRows, readsCritical } from './vendor-named-fields.js';
import { indent, plural, when } from './words.js';

/** True when someone has to act: refused or dying accounting credentials, or syncs that failed and stay failed. */
export function needsAttention(s: ConnectionStatusView): boolean {
  return (
    s.status === 'needs_reconnect' ||
    s.credentials.accounting.level === 'critical' ||
    s.credentials.accounting.level === 'expired' ||
    s.openFailures.length > 0 ||
    readsCritical(s)
  );
}

/** True when someone has to act on any connection, or on the app's metered reads. */
export const anyNeedsAttention = (answer: StatusAnswer) =>
  answer.connections.some(needsAttention) || appReadsCritical(answer);

/** A side's credentials: who the system knows the connection as (the accounting side's company), then how they stand. */
const credentialLine = (t: CredentialStatusView, showAccount: boolean) => {
  const level = t.level === 'ok' ? '' : `${t.level.toUpperCase()}: `;
  const account = showAccount && t.account ? `company ${t.account}; ` : '';
  return `${account}${level}${t.message}`;
};

export function formatConnectionStatus(s: ConnectionStatusView): string {
  const settings = s.settings
    ? [
        `master ${s.names[s.settings.productMaster].system}`,
        ...[...describeSideSettings(s.settings.field), ...describeSideSettings(s.settings.accounting)].map(
          ([label, value]) => `${label.toLowerCase()} ${value}`,
        ),
        `reconcile every ${s.settings.reconcileEvery}`,
      ].join(', ')
    : 'not configured';
  const last = s.lastReconciliation
    ? `#${s.lastReconciliation.id} ${when(s.lastReconciliation.startedAt)} ${s.lastReconciliation.status}: ${s.lastReconciliation.summary}`
    : 'never';
  const accounting = s.credentials.accounting;
  const fields = formatFields([
    [s.names.accounting.system, credentialLine(accounting, accounting.expiresAt !== null)],
    ['Access token', accounting.renewedAt ? `expires ${when(accounting.renewedAt)} (refreshed automatically)` : '–'],
    fieldAccountRow(s),
    ['Settings', settings],
    [
      'Links',
      `${plural(s.links.total, 'item')} (${s.links.quantityTracked} with quantities, ${s.links.pendingSettles} settling)`,
    ],
    ['Schedule', s.scheduleProblem ? `unknown (${s.scheduleProblem})` : scheduleLine(s.schedule)],
    ['Last reconcile', last],
    ['Open failures', s.openFailures.length === 0 ? 'none' : String(s.openFailures.length)],
    ...readRows(s),
  ]);
  const failures = s.openFailures.flatMap((f) => [
    `#${f.id} ${when(f.startedAt)} ${f.kind} ${itemLabel(f, s.names)} ${f.status === 'failed' ? 'FAILED' : 'NEEDS ATTENTION'}` +
      (f.qtyBefore || f.qtyAfter ? ` (${formatQuantities(f.qtyBefore, f.qtyAfter, s.names)})` : ''),
    ...explanationLines(f).map((l) => indent(l)),
  ]);
  const status = `${s.status}${s.statusReason ? ` (${s.statusReason})` : ''}`;
  return [`${s.id} (${s.displayName}): ${status}`, fields, ...failures.map((l) => indent(l, '    '))].join('\n');
}

export function formatStatus(answer: StatusAnswer): string {
  const reads = appReadsLine(answer);
  if (answer.connections.length === 0) {
    return `No connections yet. Create one with \`qzsync connections add <id>\`.\n${reads}`;
  }
  return [reads, ...answer.connections.map(formatConnectionStatus)].join('\n\n');
}
