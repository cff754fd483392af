import { supportedKind, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';

/** The kind a QuickBooks Online item type syncs as (docs/product.md, "Type mapping"). */
export function kindOfQboItem(type: string): KindResult {
  switch (type) {
    case 'Inventory':
      return supportedKind.inventory;
    case 'NonInventory':
      return supportedKind.noninventory;
    case 'Service':
      return supportedKind.service;
    default:
      return { ok: false, reason: `QuickBooks ${type} items have no Zuper counterpart and are not synced` };
  }
}

/** The item type a create of this kind takes. */
export const qboTypeFor = (kind: ItemKind): 'Inventory' | 'NonInventory' | 'Service' =>
  kind === 'inventory' ? 'Inventory' : kind === 'noninventory' ? 'NonInventory' : 'Service';
