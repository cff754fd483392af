/** How an item behaves in the sync, whichever system it lives in (docs/product.md, "Type mapping"). */
export type ItemKind = 'inventory' | 'noninventory' | 'service';

export type KindResult = { ok: true; kind: ItemKind } | { ok: false; reason: string };

/**
 * One result per supported kind, shared by every entry of that kind: a catalog holds 100,000s of them. Each side
 * reads its system's item types into these (`integrations/<system>/item-kinds.ts`).
 */
export const supportedKind: Record<ItemKind, KindResult> = {
  inventory: Object.freeze({ ok: true, kind: 'inventory' }),
  noninventory: Object.freeze({ ok: true, kind: 'noninventory' }),
  service: Object.freeze({ ok: true, kind: 'service' }),
};
