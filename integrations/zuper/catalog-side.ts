import type { ItemDefinition } from '../../domain/catalog/definition.js';
import { kindOfZuperProduct, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { roundQty } from '../../domain/quantity.js';
import type { CatalogItem, CatalogPort } from '../port.js';
import type { ZuperClient } from './client.js';
import type { ZuperProduct } from './product-schema.js';

export const zuperKind = (product: ZuperProduct): KindResult => kindOfZuperProduct(product.type, product.trackQuantity);

export function zuperDefinition(product: ZuperProduct, kind: ItemKind): ItemDefinition {
  return {
    kind,
    name: product.name,
    sku: product.productId,
    description: product.description,
    price: product.price,
    cost: product.purchasePrice,
    categoryId: product.categoryUid,
    active: product.isAvailable,
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

const PROGRESS_EVERY = 100;

/** Zuper's products for the catalog sync and reconciliation; category names come from one list of categories. */
export function createZuperCatalogSide(client: ZuperClient): CatalogPort {
  const catalogItemOf = (product: ZuperProduct, categoryName: string | null): CatalogItem => ({
    entry: zuperCatalogEntry(product, categoryName),
    onHand: roundQty(product.quantity),
    definition: (kind) => zuperDefinition(product, kind),
  });
  return {
    async readCatalog(progress) {
      const products: ZuperProduct[] = [];
      for await (const product of client.iterateProducts()) {
        if (!product.isDeleted) products.push(product);
        if (products.length % PROGRESS_EVERY === 0) progress(products.length);
      }
      const names = new Map((await client.listCategories()).map((c) => [c.uid, c.name]));
      const categoryName = (product: ZuperProduct) =>
        product.categoryUid ? (names.get(product.categoryUid) ?? null) : null;
      return new Map(products.map((product) => [product.uid, catalogItemOf(product, categoryName(product))]));
    },
    async readItem(productUid) {
      const product = await client.getProduct(productUid);
      // A deleted product can still be read; linking never sees it. Naming its category would cost another call.
      return product && !product.isDeleted ? catalogItemOf(product, null) : null;
    },
  };
}
