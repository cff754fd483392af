import { planLinking, type CatalogEntry, type LinkAction } from '../../domain/catalog/matching.js';
import type { Side } from '../../domain/sides.js';
import type { CatalogItem } from '../../integrations/port.js';
import { copySnapshotOf, type CopySnapshot } from './copy-item.js';

/**
 * What a read of the catalogs keeps of the items no link names: what linking matches them by, and of the master's
 * what a create would copy (for the kind it would be created as), read once here so carrying the plan out reads
 * nothing again. Nothing else of an item is kept: the records the sides parsed go with their page.
 */
export class UnlinkedItems {
  private readonly entries: Record<Side, CatalogEntry[]> = { accounting: [], field: [] };
  private readonly copySources = new Map<string, CopySnapshot>();

  constructor(
    private readonly master: Side,
    private readonly labels: Record<Side, string>,
  ) {}

  add(side: Side, item: CatalogItem): void {
    this.entries[side].push(item.entry);
    if (side === this.master && item.entry.kind.ok) {
      this.copySources.set(item.entry.id, copySnapshotOf(item, item.entry.kind.kind));
    }
  }

  /**
   * The plan for the unlinked items alone (no keeps): links, creates and skips, each create with its source, yielded
   * as decided.
   */
  *plan(): Generator<PlannedLinkAction> {
    for (const action of planLinking({ master: this.master, catalogs: this.entries, links: [], labels: this.labels })) {
      const source = action.action === 'create' ? this.copySources.get(action.fromId) : undefined;
      yield source ? { ...action, source } : action;
    }
  }
}

/**
 * A plan's action as stored. A create carries what the copy is made from, read with the catalogs, so carrying it out
 * reads nothing again; plans stored before carry nothing, and the item is read then. Plans stored before the sides
 * were named are read through `linkActionOf` (domain/catalog/link-action.ts).
 */
export type PlannedLinkAction = LinkAction & { source?: CopySnapshot };
