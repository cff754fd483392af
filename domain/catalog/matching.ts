import type { ItemKind, KindResult } from './kinds.js';
import { comparableName } from './qbo-name.js';
import type { Side } from '../sides.js';
import { systemLabel } from '../systems.js';

/**
 * The two catalogs linking compares, by the names stored link plans, the history and the operator API use: `qbo` is
 * the accounting catalog (QuickBooks Online or Desktop), `zuper` the field one (docs/sides.md, "What is still named
 * after a vendor").
 */
export type System = 'qbo' | 'zuper';

const otherSystem = (system: System): System => (system === 'qbo' ? 'zuper' : 'qbo');

/** The catalog name of a connection's side, whichever system sits there. */
export const catalogOfSide = (side: Side): System => (side === 'accounting' ? 'qbo' : 'zuper');

export interface CatalogEntry {
  id: string;
  name: string;
  sku: string | null;
  categoryName: string | null;
  kind: KindResult;
  active: boolean;
  /** Quantity on hand (QBO) or total across locations (Zuper); null when not tracked. */
  quantity: number | null;
}

/** What linking a master entry to an entry of the other system sets up. */
export interface PairedLink {
  qboItemId: string;
  zuperProductUid: string;
  kind: ItemKind;
  /** The non-master side moves to the master's quantity through a recorded movement. */
  quantityChange: { system: System; from: number; to: number } | null;
}

export type LinkAction =
  | { action: 'keep'; qboItemId: string; zuperProductUid: string }
  | ({ action: 'link'; by: 'sku' | 'name' } & PairedLink)
  | { action: 'create'; in: System; fromId: string; name: string; kind: ItemKind }
  | { action: 'skip'; system: System; id: string; name: string; reason: string };

/**
 * The kind a link takes, by master kind (rows) and the other side's kind (columns): quantities are tracked only when
 * both sides track them; otherwise the side that tracks nothing decides.
 */
const linkKinds: Record<ItemKind, Record<ItemKind, ItemKind>> = {
  inventory: { inventory: 'inventory', noninventory: 'noninventory', service: 'service' },
  noninventory: { inventory: 'noninventory', noninventory: 'noninventory', service: 'noninventory' },
  service: { inventory: 'service', noninventory: 'service', service: 'service' },
};

/** Links a master entry to an entry of the other system, both of a supported kind. */
export function pairEntries(
  master: System,
  entry: CatalogEntry,
  match: CatalogEntry,
  masterKind: ItemKind,
): PairedLink {
  const kind = linkKinds[masterKind][match.kind.ok ? match.kind.kind : masterKind];
  const ids =
    master === 'qbo'
      ? { qboItemId: entry.id, zuperProductUid: match.id }
      : { qboItemId: match.id, zuperProductUid: entry.id };
  const from = match.quantity ?? 0;
  const to = entry.quantity ?? 0;
  return {
    ...ids,
    kind,
    quantityChange: kind === 'inventory' && from !== to ? { system: otherSystem(master), from, to } : null,
  };
}

/** The free candidates of the other system a master entry could be linked to. */
export interface Candidates {
  sku: CatalogEntry[];
  name: CatalogEntry[];
  /** Name matches in the master entry's category. */
  sameCategory: CatalogEntry[];
}

export type MatchChoice =
  | { choice: 'link'; match: CatalogEntry; by: 'sku' | 'name' }
  | { choice: 'ambiguous'; count: number }
  | { choice: 'create' };

/** The matching rules in order: the first that applies decides. A SKU decides before any name. */
const matchRules: { applies: (c: Candidates) => boolean; choose: (c: Candidates) => MatchChoice }[] = [
  { applies: (c) => c.sku.length > 1, choose: (c) => ({ choice: 'ambiguous', count: c.sku.length }) },
  { applies: (c) => c.sku.length === 1, choose: (c) => ({ choice: 'link', match: c.sku[0]!, by: 'sku' }) },
  {
    applies: (c) => c.sameCategory.length === 1,
    choose: (c) => ({ choice: 'link', match: c.sameCategory[0]!, by: 'name' }),
  },
  { applies: (c) => c.name.length === 1, choose: (c) => ({ choice: 'link', match: c.name[0]!, by: 'name' }) },
  { applies: (c) => c.name.length > 1, choose: (c) => ({ choice: 'ambiguous', count: c.name.length }) },
  { applies: () => true, choose: () => ({ choice: 'create' }) },
];

export const chooseMatch = (candidates: Candidates): MatchChoice =>
  matchRules.find((rule) => rule.applies(candidates))!.choose(candidates);

/**
 * Initial linking (docs/product.md, "Initial linking"): stored link, then SKU (QBO Sku ↔ Zuper product_id), then name
 * (case-insensitive, preferring the same category). Unmatched master items are created in the other system;
 * unmatched items of the other system are reported, never copied. Pure, so the dry run and the real run decide
 * identically. The actions are yielded as they are decided, so a plan over a big catalog can be stored a page at a
 * time rather than held whole.
 */
export function* planLinking(input: {
  master: System;
  qbo: CatalogEntry[];
  zuper: CatalogEntry[];
  links: { qboItemId: string; zuperProductUid: string }[];
}): Generator<LinkAction> {
  const { master } = input;
  const slave = otherSystem(master);
  const bySide = { qbo: input.qbo, zuper: input.zuper };
  const taken = { qbo: new Set<string>(), zuper: new Set<string>() };
  for (const link of input.links) {
    taken.qbo.add(link.qboItemId);
    taken.zuper.add(link.zuperProductUid);
    yield { action: 'keep', ...link };
  }
  const findCandidates = candidateIndex(bySide[slave].filter((e) => !taken[slave].has(e.id) && e.kind.ok));

  for (const entry of bySide[master]) {
    if (taken[master].has(entry.id)) continue;
    const action = entry.kind.ok
      ? masterAction(master, entry, entry.kind.kind, chooseMatch(findCandidates(entry, (c) => !taken[slave].has(c.id))))
      : skip(master, entry, entry.kind.reason);
    if (action.action !== 'skip') taken[master].add(entry.id);
    if (action.action === 'link') taken[slave].add(master === 'qbo' ? action.zuperProductUid : action.qboItemId);
    yield action;
  }
  for (const entry of bySide[slave]) {
    if (taken[slave].has(entry.id)) continue;
    const reason = entry.kind.ok
      ? `created in ${systemLabel(slave)}, which is not the product master; new items are only copied from ${systemLabel(master)}`
      : entry.kind.reason;
    yield skip(slave, entry, reason);
  }
}

const skip = (system: System, entry: CatalogEntry, reason: string): LinkAction => ({
  action: 'skip',
  system,
  id: entry.id,
  name: entry.name,
  reason,
});

/** What becomes of a free master entry of a supported kind, by what matching chose for it. */
function masterAction(master: System, entry: CatalogEntry, kind: ItemKind, choice: MatchChoice): LinkAction {
  switch (choice.choice) {
    case 'link':
      return { action: 'link', by: choice.by, ...pairEntries(master, entry, choice.match, kind) };
    case 'create':
      return { action: 'create', in: otherSystem(master), fromId: entry.id, name: entry.name, kind };
    case 'ambiguous':
      return skip(
        master,
        entry,
        `${choice.count} items in ${systemLabel(otherSystem(master))} match it; link it by hand with \`qzsync link-item\``,
      );
  }
}

const skuKey = (sku: string) => sku.trim().toLowerCase();
const sameCategory = (a: CatalogEntry, b: CatalogEntry) =>
  (a.categoryName ?? '').toLowerCase() === (b.categoryName ?? '').toLowerCase();

/** Indexes the other system's entries by SKU and name; the answer lists the candidates still free. */
function candidateIndex(entries: CatalogEntry[]) {
  const bySku = groupBy(
    entries.filter((e) => e.sku),
    (e) => skuKey(e.sku!),
  );
  const byName = groupBy(entries, (e) => comparableName(e.name));
  return (entry: CatalogEntry, free: (c: CatalogEntry) => boolean): Candidates => {
    const name = (byName.get(comparableName(entry.name)) ?? []).filter(free);
    return {
      sku: entry.sku ? (bySku.get(skuKey(entry.sku)) ?? []).filter(free) : [],
      name,
      sameCategory: name.filter((c) => sameCategory(c, entry)),
    };
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
