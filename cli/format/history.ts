import type { HistoryDetail, HistoryEntry, HistoryList } from '../../operator/contract/history.js';
import { driftReportSchema, storedLinkPlanSchema, type SideNamesView } from '../../operator/contract/runs.js';
import { formatDriftReport } from './drift-report.js';
import { formatLinkActions } from './link-result.js';
import { formatQuantities } from './quantities.js';
import { formatFields, formatTable } from './table.js';
import { indent, when } from './words.js';

const statusWords = {
  started: 'started',
  succeeded: 'succeeded',
  failed: 'FAILED',
  needs_attention: 'NEEDS ATTENTION',
} as const;

/** The item as a person knows it, its name, with each side's id beside it: `Copper Fitting 2 (<system> 2 ↔ <system> 028a…)`. */
export function itemLabel(
  e: Pick<HistoryEntry, 'accountingItemId' | 'fieldItemId' | 'itemName'>,
  names: SideNamesView,
): string {
  const ids = [
    e.accountingItemId ? `${names.accounting.system} ${e.accountingItemId}` : null,
    e.fieldItemId ? `${names.field.system} ${e.fieldItemId}` : null,
  ]
    .filter(Boolean)
    .join(' ↔ ');
  if (!e.itemName) return ids || '–';
  return ids ? `${e.itemName} (${ids})` : e.itemName;
}

/** Why it failed and what to do, under an entry that did not succeed. */
export function explanationLines(e: Pick<HistoryEntry, 'status' | 'explanation' | 'fix'>): string[] {
  if (e.status !== 'failed' && e.status !== 'needs_attention') return [];
  return [e.explanation ? `Why: ${e.explanation}` : null, e.fix ? `Fix: ${e.fix}` : null].filter(
    (l): l is string => l !== null,
  );
}

export function formatHistoryList(list: HistoryList): string {
  if (list.entries.length === 0) return `No history for ${list.connectionId} matches.`;
  const table = formatTable(
    ['#', 'STARTED', 'KIND', 'STATUS', 'ITEM', 'QUANTITIES', 'SUMMARY'],
    list.entries.map((e) => [
      String(e.id),
      when(e.startedAt),
      e.kind,
      statusWords[e.status],
      itemLabel(e, list.names),
      formatQuantities(e.qtyBefore, e.qtyAfter, list.names) || '–',
      e.summary,
    ]),
  ).split('\n');
  // Explanations go right under their row; the header is line 0.
  const lines = [table[0] ?? ''];
  list.entries.forEach((e, i) => {
    lines.push(table[i + 1] ?? '');
    for (const line of explanationLines(e)) lines.push(indent(line, '      '));
  });
  return lines.join('\n');
}

/** One entry with everything recorded; reconciliation and link details are rendered as their reports. */
export function formatHistoryDetail(d: HistoryDetail): string {
  const fields: [string, string][] = [
    ['Connection', d.connectionId],
    ['Kind', d.kind],
    ['Status', statusWords[d.status]],
    ['Started', when(d.startedAt)],
    ['Finished', when(d.finishedAt)],
    ['Item', itemLabel(d, d.names)],
    ['Quantities', formatQuantities(d.qtyBefore, d.qtyAfter, d.names) || '–'],
    ['Summary', d.summary],
    ...(d.explanation ? [['Explanation', d.explanation] as [string, string]] : []),
    ...(d.fix ? [['Fix', d.fix] as [string, string]] : []),
    ...(d.errorCode ? [['Error code', d.errorCode] as [string, string]] : []),
    ['Workflow', d.workflowId ? `${d.workflowId}${d.runId ? ` (run ${d.runId})` : ''}` : '–'],
  ];
  return [`History entry #${d.id}`, formatFields(fields), ...detailLines(d)].join('\n');
}

function detailLines(d: HistoryDetail): string[] {
  if (d.details === null || d.details === undefined) return [];
  const drift = d.kind === 'reconcile' ? driftReportSchema.safeParse(d.details) : null;
  if (drift?.success) return ['', indent(formatDriftReport(drift.data))];
  const plan = d.kind === 'link' ? storedLinkPlanSchema.safeParse(d.details) : null;
  if (plan?.success) {
    const actions = plan.data.actions.filter((a) => a.action !== 'keep');
    return ['', indent(formatLinkActions(actions, actions.length, plan.data.names))];
  }
  return ['  Details', indent(JSON.stringify(d.details, null, 2), '    ')];
}
