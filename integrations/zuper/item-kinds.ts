import { supportedKind, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';

/** The kind a Zuper product type syncs as: products and parts by whether they track quantity (docs/product.md). */
export function kindOfZuperProduct(type: string, trackQuantity: boolean): KindResult {
  switch (type) {
    case 'PRODUCT':
    case 'PARTS':
      return trackQuantity ? supportedKind.inventory : supportedKind.noninventory;
    case 'SERVICE':
    case 'LABOR SERVICE':
      return supportedKind.service;
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

/** The product type a create of this kind takes. */
export const zuperTypeFor = (kind: ItemKind): 'PRODUCT' | 'PARTS' | 'SERVICE' =>
  kind === 'inventory' ? 'PRODUCT' : kind === 'noninventory' ? 'PARTS' : 'SERVICE';
