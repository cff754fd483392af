import type { DriftReportView } from '../../operator/contract/runs.js';
import { signed, systemName } from './words.js';

const move = (toQbo?: number, toZuper?: number) =>
  [toQbo ? `QuickBooks ${signed(toQbo)}` : null, toZuper ? `Zuper ${signed(toZuper)}` : null]
    .filter(Boolean)
    .join(', ') || 'nothing moved';

/** A reconciliation's drift report: totals, then each drifted item with both quantities, the movement and the cause. */
export function formatDriftReport(r: DriftReportView): string {
  const head =
    `Checked ${r.checked} linked items: ${r.drifted} drifted, ${r.corrected} corrected, ${r.failed} failed; ` +
    `${r.definitionsSynced} definitions and ${r.linked} unlinked items synced.`;
  const items = r.items.flatMap((i) => [
    `${i.status === 'failed' ? 'FAILED   ' : i.status === 'corrected' ? 'CORRECTED' : 'IN SYNC  '}  QuickBooks ${i.qboItemId} ↔ Zuper ${i.zuperProductUid}: ` +
      `base ${i.base}, QuickBooks ${i.qbo ?? 'not read'}, Zuper ${i.zuper}` +
      (i.status === 'corrected' ? ` → ${move(i.toQbo, i.toZuper)}` : ''),
    `           Cause: ${i.cause}`,
    ...(i.explanation ? [`           Why: ${i.explanation}`] : []),
  ]);
  const missing = r.missing.map(
    (m) =>
      `MISSING    QuickBooks ${m.qboItemId} ↔ Zuper ${m.zuperProductUid}: gone from ${systemName(m.side)}; re-create or re-link it.`,
  );
  const hidden =
    r.drifted > r.items.length ? [`… ${r.drifted - r.items.length} more drifted items are in the history entry.`] : [];
  return [head, ...items, ...hidden, ...missing].join('\n');
}
