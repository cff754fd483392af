import type { DriftReportView } from '../../operator/contract/runs.js';
import { signed } from './words.js';

type Item = DriftReportView['items'][number];

const move = (moved: Item['moved'], names: DriftReportView['names']) =>
  [
    moved?.accounting ? `${names.accounting.system} ${signed(moved.accounting)}` : null,
    moved?.field ? `${names.field.system} ${signed(moved.field)}` : null,
  ]
    .filter(Boolean)
    .join(', ') || 'nothing moved';

/** A reconciliation's drift report: totals, then each drifted item with both quantities, the movement and the cause. */
export function formatDriftReport(r: DriftReportView): string {
  const { accounting, field } = r.names;
  const pair = (ids: { accountingItemId: string; fieldItemId: string }) =>
    `${accounting.system} ${ids.accountingItemId} ↔ ${field.system} ${ids.fieldItemId}`;
  const head =
    `Checked ${r.checked} linked items: ${r.drifted} drifted, ${r.corrected} corrected, ${r.failed} failed; ` +
    `${r.definitionsSynced} definitions and ${r.linked} unlinked items synced.`;
  const items = r.items.flatMap((i) => [
    `${i.status === 'failed' ? 'FAILED   ' : i.status === 'corrected' ? 'CORRECTED' : 'IN SYNC  '}  ${pair(i)}: ` +
      `base ${i.quantities.base}, ${accounting.system} ${i.quantities.accounting ?? 'not read'}, ${field.system} ${i.quantities.field}` +
      (i.status === 'corrected' ? ` → ${move(i.moved, r.names)}` : ''),
    `           Cause: ${i.cause}`,
    ...(i.explanation ? [`           Why: ${i.explanation}`] : []),
  ]);
  const missing = r.missing.map(
    (m) => `MISSING    ${pair(m)}: gone from ${r.names[m.side].system}; re-create or re-link it.`,
  );
  const hidden =
    r.drifted > r.items.length ? [`… ${r.drifted - r.items.length} more drifted items are in the history entry.`] : [];
  return [head, ...items, ...hidden, ...missing].join('\n');
}
