import type { ItemKind, KindResult } from './kinds.js';
import { comparableName } from './qbo-name.js';

export type System = 'qbo' | 'zuper';

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

export type LinkAction =
  | { action: 'keep'; qboItemId: string; zuperProductUid: string }
  | {
      action: 'link';
      qboItemId: string;
      zuperProductUid: string;
      by: 'sku' | 'name';
      kind: ItemKind;
      /** The non-master side moves to the master's quantity through a recorded movement. */
      quantityChange: { system: System; from: number; to: number } | null;
    }
  | { action: 'create'; in: System; fromId: string; name: string; kind: ItemKind }
  | { action: 'skip'; system: System; id: string; name: string; reason: string };

const other = (s: System): System => (s === 'qbo' ? 'zuper' : 'qbo');

/**
 * Initial linking (PRODUCT.md): stored link, then SKU (QBO Sku ↔ Zuper product_id), then name (case-insensitive,
 * preferring the same category). Unmatched master items are created in the other system; unmatched items of the
 * other system are reported, never copied. Pure, so the dry run and the real run decide identically.
 */
export function planLinking(input: {
  master: System;
  qbo: CatalogEntry[];
  zuper: CatalogEntry[];
  links: { qboItemId: string; zuperProductUid: string }[];
}): LinkAction[] {
  const actions: LinkAction[] = [];
  const bySide = { qbo: input.qbo, zuper: input.zuper };
  const taken = { qbo: new Set<string>(), zuper: new Set<string>() };
  for (const link of input.links) {
    taken.qbo.add(link.qboItemId);
    taken.zuper.add(link.zuperProductUid);
    actions.push({ action: 'keep', ...link });
  }
  const master = input.master;
  const slave = other(master);
  const candidates = bySide[slave].filter((e) => !taken[slave].has(e.id) && e.kind.ok);
  const bySku = groupBy(
    candidates.filter((e) => e.sku),
    (e) => e.sku!.trim().toLowerCase(),
  );
  const byName = groupBy(candidates, (e) => comparableName(e.name));

  for (const entry of bySide[master]) {
    if (taken[master].has(entry.id)) continue;
    if (!entry.kind.ok) {
      actions.push({ action: 'skip', system: master, id: entry.id, name: entry.name, reason: entry.kind.reason });
      continue;
    }
    const kind = entry.kind.kind;
    const free = (list: CatalogEntry[] | undefined) => (list ?? []).filter((c) => !taken[slave].has(c.id));
    const skuMatches = entry.sku ? free(bySku.get(entry.sku.trim().toLowerCase())) : [];
    const nameMatches = free(byName.get(comparableName(entry.name)));
    const sameCategory = nameMatches.filter(
      (c) => (c.categoryName ?? '').toLowerCase() === (entry.categoryName ?? '').toLowerCase(),
    );
    const [match, by] =
      skuMatches.length === 1
        ? [skuMatches[0], 'sku' as const]
        : sameCategory.length === 1
          ? [sameCategory[0], 'name' as const]
          : nameMatches.length === 1
            ? [nameMatches[0], 'name' as const]
            : [undefined, undefined];
    if (skuMatches.length > 1 || (!match && nameMatches.length > 1)) {
      actions.push({
        action: 'skip',
        system: master,
        id: entry.id,
        name: entry.name,
        reason: `${skuMatches.length > 1 ? skuMatches.length : nameMatches.length} items in ${label(slave)} match it; link it by hand with \`qzsync link-item\``,
      });
      continue;
    }
    if (match && by) {
      taken[slave].add(match.id);
      taken[master].add(entry.id);
      const matchKind = match.kind.ok ? match.kind.kind : kind;
      const tracked = kind === 'inventory' && matchKind === 'inventory';
      const ids =
        master === 'qbo'
          ? { qboItemId: entry.id, zuperProductUid: match.id }
          : { qboItemId: match.id, zuperProductUid: entry.id };
      const from = match.quantity ?? 0;
      const to = entry.quantity ?? 0;
      actions.push({
        action: 'link',
        ...ids,
        by,
        kind: tracked ? 'inventory' : kind === 'inventory' ? matchKind : kind,
        quantityChange: tracked && from !== to ? { system: slave, from, to } : null,
      });
      continue;
    }
    taken[master].add(entry.id);
    actions.push({ action: 'create', in: slave, fromId: entry.id, name: entry.name, kind });
  }
  for (const entry of bySide[slave]) {
    if (taken[slave].has(entry.id)) continue;
    actions.push({
      action: 'skip',
      system: slave,
      id: entry.id,
      name: entry.name,
      reason: entry.kind.ok
        ? `created in ${label(slave)}, which is not the product master; new items are only copied from ${label(master)}`
        : entry.kind.reason,
    });
  }
  return actions;
}

const label = (s: System) => (s === 'qbo' ? 'QuickBooks' : 'Zuper');

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
