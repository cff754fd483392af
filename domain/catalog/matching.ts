import type { ItemKind, KindResult } from './kinds.js';
import { comparableName } from './names.js';
import { otherSide, type Side } from '../sides.js';

export interface CatalogEntry {
  id: string;
  name: string;
  sku: string | null;
  categoryName: string | null;
  kind: KindResult;
  active: boolean;
  /** Quantity on hand, over all locations where the side keeps several; null when not tracked. */
  quantity: number | null;
}

/** The two items of a link, by side. */
export interface LinkedIds {
  accountingItemId: string;
  fieldItemId: string;
}

/** What linking a master entry to an entry of the other side sets up. */
export interface PairedLink extends LinkedIds {
  kind: ItemKind;
  /** The non-master side moves to the master's quantity through a recorded movement. */
  quantityChange: { side: Side; from: number; to: number } | null;
}

/**
 * One decision of a linking plan. Plans are stored and recorded in histories: those made before the sides were
 * named read through `linkActionOf` (link-action.ts).
 */
export type LinkAction =
  | ({ action: 'keep' } & LinkedIds)
  | ({ action: 'link'; by: 'sku' | 'name' } & PairedLink)
  | { action: 'create'; in: Side; fromId: string; name: string; kind: ItemKind }
  | { action: 'skip'; side: Side; id: string; name: string; reason: string };

/** The ids of a master entry and its match, by side. */
const idsOf = (master: Side, entry: CatalogEntry, match: CatalogEntry): LinkedIds =>
  master === 'accounting'
    ? { accountingItemId: entry.id, fieldItemId: match.id }
    : { accountingItemId: match.id, fieldItemId: entry.id };

/**
 * The kind a link takes, by master kind (rows) and the other side's kind (columns): quantities are tracked only when
 * both sides track them; otherwise the side that tracks nothing decides.
 */
const linkKinds: Record<ItemKind, Record<ItemKind, ItemKind>> = {
  inventory: { inventory: 'inventory', noninventory: 'noninventory', service: 'service' },
  noninventory: { inventory: 'noninventory', noninventory: 'noninventory', service: 'noninventory' },
  service: { inventory: 'service', noninventory: 'service', service: 'service' },
};

/** Links a master entry to an entry of the other side, both of a supported kind. */
export function pairEntries(master: Side, entry: CatalogEntry, match: CatalogEntry, masterKind: ItemKind): PairedLink {
  const kind = linkKinds[masterKind][match.kind.ok ? match.kind.kind : masterKind];
  const from = match.quantity ?? 0;
  const to = entry.quantity ?? 0;
  return {
    ...idsOf(master, entry, match),
    kind,
    quantityChange: kind === 'inventory' && from !== to ? { side: otherSide(master), from, to } : null,
  };
}

/** The free candidates of the other side a master entry could be linked to. */
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

/** What linking needs to know of a connection: each side's catalog, the links it has, and the master side. */
export interface LinkInput {
  master: Side;
  catalogs: Record<Side, CatalogEntry[]>;
  links: LinkedIds[];
  /** The name users know each side's system by, for the reasons given. */
  labels: Record<Side, string>;
}

/**
 * Initial linking (docs/product.md, "Initial linking"): stored link, then SKU (each side's SKU field, as its
 * system's client reads it), then name (case-insensitive, preferring the same category). Unmatched master items are
 * created on the other side; unmatched items of the other side are reported, never copied. Pure, so the dry run and
 * the real run decide identically. The actions are yielded as they are decided, so a plan over a big catalog can be
 * stored a page at a time rather than held whole.
 */
export function* planLinking(input: LinkInput): Generator<LinkAction> {
  const { master, labels } = input;
  const slave = otherSide(master);
  const bySide = input.catalogs;
  const taken: Record<Side, Set<string>> = { accounting: new Set(), field: new Set() };
  for (const link of input.links) {
    taken.accounting.add(link.accountingItemId);
    taken.field.add(link.fieldItemId);
    yield { action: 'keep', ...link };
  }
  const findCandidates = candidateIndex(bySide[slave].filter((e) => !taken[slave].has(e.id) && e.kind.ok));

  for (const entry of bySide[master]) {
    if (taken[master].has(entry.id)) continue;
    const action = entry.kind.ok
      ? masterAction(input, entry, entry.kind.kind, chooseMatch(findCandidates(entry, (c) => !taken[slave].has(c.id))))
      : skip(master, entry, entry.kind.reason);
    if (action.action !== 'skip') taken[master].add(entry.id);
    if (action.action === 'link') taken[slave].add(slave === 'field' ? action.fieldItemId : action.accountingItemId);
    yield action;
  }
  for (const entry of bySide[slave]) {
    if (taken[slave].has(entry.id)) continue;
    const reason = entry.kind.ok
      ? `created in ${labels[slave]}, which is not the product master; new items are only copied from ${labels[master]}`
      : entry.kind.reason;
    yield skip(slave, entry, reason);
  }
}

const skip = (side: Side, entry: CatalogEntry, reason: string): LinkAction => ({
  action: 'skip',
  side,
  id: entry.id,
  name: entry.name,
  reason,
});

/** What becomes of a free master entry of a supported kind, by what matching chose for it. */
function masterAction(
  { master, labels }: LinkInput,
  entry: CatalogEntry,
  kind: ItemKind,
  choice: MatchChoice,
): LinkAction {
  switch (choice.choice) {
    case 'link':
      return { action: 'link', by: choice.by, ...pairEntries(master, entry, choice.match, kind) };
    case 'create':
      return { action: 'create', in: otherSide(master), fromId: entry.id, name: entry.name, kind };
    case 'ambiguous':
      return skip(
        master,
        entry,
        `${choice.count} items in ${labels[otherSide(master)]} match it; link it by hand with \`qzsync link-item\``,
      );
  }
}

const skuKey = (sku: string) => sku.trim().toLowerCase();
const sameCategory = (a: CatalogEntry, b: CatalogEntry) =>
  (a.categoryName ?? '').toLowerCase() === (b.categoryName ?? '').toLowerCase();

/** Indexes the other side's entries by SKU and name; the answer lists the candidates still free. */
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
