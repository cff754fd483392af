import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { includeInactive } from '../../integrations/qbo/query-builder.js';
import type { QboItem } from '../../integrations/qbo/schemas/item.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import { roundQty } from '../../domain/quantity.js';
import { qboKind, zuperKind } from './definitions.js';

export interface Catalogs {
  qboItems: Map<string, QboItem>;
  zuperProducts: Map<string, ZuperProduct>;
  qbo: CatalogEntry[];
  zuper: CatalogEntry[];
}

/** Reads both whole catalogs with the fewest calls: QBO query pages of 1000, Zuper list pages. Heartbeats per page. */
export async function readCatalogs(deps: ActivityDeps, connectionId: string): Promise<Catalogs> {
  const qbo = await deps.clients.qbo(connectionId);
  const zuper = await deps.clients.zuper(connectionId);
  const qboItems = new Map<string, QboItem>();
  await callApi('qbo', async () => {
    for await (const page of qbo.queryAll('Item', [includeInactive])) {
      for (const item of page) if (item.Type !== 'Category') qboItems.set(item.Id, item);
      heartbeat({ qboItems: qboItems.size });
    }
  });
  const zuperProducts = new Map<string, ZuperProduct>();
  await callApi('zuper', async () => {
    for await (const product of zuper.iterateProducts()) {
      if (!product.isDeleted) zuperProducts.set(product.uid, product);
      if (zuperProducts.size % 100 === 0) heartbeat({ zuperProducts: zuperProducts.size });
    }
  });
  const categories = new Map((await callApi('zuper', () => zuper.listCategories())).map((c) => [c.uid, c.name]));
  return {
    qboItems,
    zuperProducts,
    qbo: [...qboItems.values()].map(qboCatalogEntry),
    zuper: [...zuperProducts.values()].map((p) =>
      zuperCatalogEntry(p, p.categoryUid ? (categories.get(p.categoryUid) ?? null) : null),
    ),
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

/** A Zuper product as linking sees it. */
export function zuperCatalogEntry(product: ZuperProduct, categoryName: string | null): CatalogEntry {
  const kind = zuperKind(product);
  return {
    id: product.uid,
    name: product.name,
    sku: product.productId,
    categoryName,
    kind,
    active: product.isAvailable,
    quantity: kind.ok && kind.kind === 'inventory' ? roundQty(product.quantity) : null,
  };
}
