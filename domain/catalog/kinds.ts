/** How an item behaves in the sync, whichever system it lives in (docs/product.md, "Type mapping"). */
export type ItemKind = 'inventory' | 'noninventory' | 'service';

export type KindResult = { ok: true; kind: ItemKind } | { ok: false; reason: string };

/** One result per supported kind, shared by every entry of that kind: a catalog holds 100,000s of them. */
const supported: Record<ItemKind, KindResult> = {
  inventory: Object.freeze({ ok: true, kind: 'inventory' }),
  noninventory: Object.freeze({ ok: true, kind: 'noninventory' }),
  service: Object.freeze({ ok: true, kind: 'service' }),
};

export function kindOfQboItem(type: string): KindResult {
  switch (type) {
    case 'Inventory':
      return supported.inventory;
    case 'NonInventory':
      return supported.noninventory;
    case 'Service':
      return supported.service;
    default:
      return { ok: false, reason: `QuickBooks ${type} items have no Zuper counterpart and are not synced` };
  }
}

export function kindOfZuperProduct(type: string, trackQuantity: boolean): KindResult {
  switch (type) {
    case 'PRODUCT':
    case 'PARTS':
      return trackQuantity ? supported.inventory : supported.noninventory;
    case 'SERVICE':
    case 'LABOR SERVICE':
      return supported.service;
    case 'BUNDLE':
      return {
        ok: false,
        reason:
          'Zuper bundles cannot be created in QuickBooks: its API does not support creating bundles (Group items)',
      };
    default:
      return { ok: false, reason: `Zuper product type ${type} is not supported` };
  }
}

export const zuperTypeFor = (kind: ItemKind): 'PRODUCT' | 'PARTS' | 'SERVICE' =>
  kind === 'inventory' ? 'PRODUCT' : kind === 'noninventory' ? 'PARTS' : 'SERVICE';

export const qboTypeFor = (kind: ItemKind): 'Inventory' | 'NonInventory' | 'Service' =>
  kind === 'inventory' ? 'Inventory' : kind === 'noninventory' ? 'NonInventory' : 'Service';
