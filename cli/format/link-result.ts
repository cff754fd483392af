import type { LinkActionView, LinkResultView } from '../../operator/contract/runs.js';
import { plural, systemName } from './words.js';

export function formatLinkAction(a: LinkActionView): string {
  switch (a.action) {
    case 'keep':
      return `KEEP    QuickBooks ${a.qboItemId} ↔ Zuper ${a.zuperProductUid}`;
    case 'link': {
      const move = a.quantityChange
        ? `  ${systemName(a.quantityChange.system)} quantity ${a.quantityChange.from} → ${a.quantityChange.to}`
        : '';
      return `LINK    QuickBooks ${a.qboItemId} ↔ Zuper ${a.zuperProductUid} (same ${a.by === 'sku' ? 'SKU' : 'name'}, ${a.kind})${move}`;
    }
    case 'create':
      return `CREATE  in ${systemName(a.in)}: "${a.name}" (${a.kind}, from ${systemName(a.in === 'qbo' ? 'zuper' : 'qbo')} ${a.fromId})`;
    case 'skip':
      return `SKIP    ${systemName(a.system)} ${a.id} "${a.name}": ${a.reason}`;
  }
}

export function formatLinkActions(actions: LinkActionView[], total: number): string {
  if (total === 0) return 'Nothing to link or create.';
  const more =
    total > actions.length ? [`… and ${total - actions.length} more (see \`qzsync show\` of the report).`] : [];
  return [...actions.map(formatLinkAction), ...more].join('\n');
}

/** What a link run did, or for a dry run would do; failures carry their fix. */
export function formatLinkResult(connectionId: string, r: LinkResultView): string {
  const s = r.summary;
  const head = r.dryRun
    ? `Dry run for ${connectionId}: would link ${s.link}, create ${s.create} and skip ${s.skip} (${s.keep} already linked); ${plural(s.quantityChanges, 'quantity', 'quantities')} would change.`
    : `Linked ${connectionId}: ${s.link} linked, ${s.create} created, ${s.skip} skipped (${s.keep} already linked), ${plural(s.quantityChanges, 'quantity', 'quantities')} moved to the product master's; ${r.failed.length} failed.`;
  const failures = r.failed.flatMap((f) => [
    `FAILED  ${formatLinkAction(f.action).replace(/^\w+\s+/, '')}`,
    `        Why: ${f.error}`,
    ...(f.fix ? [`        Fix: ${f.fix}`] : []),
  ]);
  const tail = r.dryRun
    ? `Nothing was written. Run \`qzsync link ${connectionId}\` to carry it out (report #${r.reportId}).`
    : `Report #${r.reportId}: \`qzsync show ${r.reportId}\`.`;
  return [head, formatLinkActions(r.actions, r.actionsTotal), ...failures, tail].join('\n');
}
