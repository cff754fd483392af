import type { LinkActionView, LinkResultView, SideNamesView } from '../../operator/contract/runs.js';
import { plural } from './words.js';

/** One planned action, each side named after the system the connection has there. */
export function formatLinkAction(a: LinkActionView, names: SideNamesView): string {
  const pair = (ids: { accountingItemId: string; fieldItemId: string }) =>
    `${names.accounting.system} ${ids.accountingItemId} ↔ ${names.field.system} ${ids.fieldItemId}`;
  switch (a.action) {
    case 'keep':
      return `KEEP    ${pair(a)}`;
    case 'link': {
      const move = a.quantityChange
        ? `  ${names[a.quantityChange.side].system} quantity ${a.quantityChange.from} → ${a.quantityChange.to}`
        : '';
      return `LINK    ${pair(a)} (same ${a.by === 'sku' ? 'SKU' : 'name'}, ${a.kind})${move}`;
    }
    case 'create': {
      const from = a.in === 'accounting' ? names.field : names.accounting;
      return `CREATE  in ${names[a.in].system}: "${a.name}" (${a.kind}, from ${from.system} ${a.fromId})`;
    }
    case 'skip':
      return `SKIP    ${names[a.side].system} ${a.id} "${a.name}": ${a.reason}`;
  }
}

export function formatLinkActions(actions: LinkActionView[], total: number, names: SideNamesView): string {
  if (total === 0) return 'Nothing to link or create.';
  const more =
    total > actions.length ? [`… and ${total - actions.length} more (see \`qzsync show\` of the report).`] : [];
  return [...actions.map((a) => formatLinkAction(a, names)), ...more].join('\n');
}

/** What a link run did, or for a dry run would do; failures carry their fix. */
export function formatLinkResult(connectionId: string, r: LinkResultView): string {
  const s = r.summary;
  const head = r.dryRun
    ? `Dry run for ${connectionId}: would link ${s.link}, create ${s.create} and skip ${s.skip} (${s.keep} already linked); ${plural(s.quantityChanges, 'quantity', 'quantities')} would change.`
    : `Linked ${connectionId}: ${s.link} linked, ${s.create} created, ${s.skip} skipped (${s.keep} already linked), ${plural(s.quantityChanges, 'quantity', 'quantities')} moved to the product master's; ${r.failed.length} failed.`;
  const failures = r.failed.flatMap((f) => [
    `FAILED  ${formatLinkAction(f.action, r.names).replace(/^\w+\s+/, '')}`,
    `        Why: ${f.error}`,
    ...(f.fix ? [`        Fix: ${f.fix}`] : []),
  ]);
  const tail = r.dryRun
    ? `Nothing was written. Run \`qzsync link ${connectionId}\` to carry it out (report #${r.reportId}).`
    : `Report #${r.reportId}: \`qzsync show ${r.reportId}\`.`;
  return [head, formatLinkActions(r.actions, r.actionsTotal, r.names), ...failures, tail].join('\n');
}
