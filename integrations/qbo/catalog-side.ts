import type { ItemDefinition } from '../../domain/catalog/definition.js';
import { kindOfQboItem, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { roundQty } from '../../domain/quantity.js';
import type { CatalogItem, CatalogPort } from '../port.js';
import type { QboClient } from './client.js';
import { stripInactiveNameSuffix } from './items.js';
import { includeInactive } from './query-builder.js';
import type { QboItem } from './schemas/item.js';

export const qboKind = (item: QboItem): KindResult => kindOfQboItem(item.Type);

export function qboDefinition(item: QboItem, kind: ItemKind): ItemDefinition {
  return {
    kind,
    name: stripInactiveNameSuffix(item.Name),
    sku: item.Sku ?? null,
    description: item.Description ?? '',
    price: item.UnitPrice ?? null,
    cost: item.PurchaseCost ?? null,
    categoryId: item.ParentRef?.value ?? null,
    active: item.Active,
  };
}

/** A QBO item as linking sees it; its category is the parent in its fully qualified name. */
export function qboCatalogEntry(item: QboItem): CatalogEntry {
  const kind = qboKind(item);
  const path = (item.FullyQualifiedName ?? item.Name).split(':');
  return {
    id: item.Id,
    name: item.Name,
    sku: item.Sku ?? null,
    categoryName: path.length > 1 ? path[path.length - 2]! : null,
    kind,
    active: item.Active,
    quantity: kind.ok && kind.kind === 'inventory' ? roundQty(item.QtyOnHand ?? 0) : null,
  };
}

const catalogItemOf = (item: QboItem): CatalogItem => ({
  entry: qboCatalogEntry(item),
  onHand: roundQty(item.QtyOnHand ?? 0),
  definition: (kind) => qboDefinition(item, kind),
});

/** QuickBooks Online's items for the catalog sync and reconciliation (categories are items of type Category). */
export function createQboCatalogSide(client: QboClient): CatalogPort {
  return {
    async readCatalog(progress) {
      const items = new Map<string, CatalogItem>();
      for await (const page of client.queryAll('Item', [includeInactive])) {
        for (const item of page) if (item.Type !== 'Category') items.set(item.Id, catalogItemOf(item));
        progress(items.size);
      }
      return items;
    },
    async readItem(itemId) {
      const item = await client.getItem(itemId);
      return item ? catalogItemOf(item) : null;
    },
  };
}
