import type { ItemDefinition } from '../../domain/catalog/definition.js';
import type { ItemKind, KindResult } from '../../domain/catalog/kinds.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { comparableName } from '../../domain/catalog/names.js';
import { kindOfZuperProduct, zuperTypeFor } from './item-kinds.js';
import { roundQty } from '../../domain/quantity.js';
import {
  collectCatalog,
  failedCreation,
  type CatalogItem,
  type CatalogPort,
  type DefinitionOrigin,
  type ItemCreationOutcome,
  type NewItem,
} from '../port.js';
import type { ZuperClient } from './client.js';
import type { ZuperProductPatch } from './product-fields.js';
import type { ZuperProduct } from './product-schema.js';

/** Zuper requires a category on every product; products copied without one land here. */
export const DEFAULT_ZUPER_CATEGORY = 'Uncategorized';

/**
 * Zuper's own QuickBooks integration keeps the accounting item's id in this custom field; the sync does the same, so
 * a retried copy finds the product it created before.
 */
export const ACCOUNTING_ID_FIELD = 'QB Product ID';

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

/** A category's name as copies name it: the default category stands for "none" (Zuper requires one on every product). */
const copiedName = (name: string | null) =>
  name !== null && comparableName(name) !== comparableName(DEFAULT_ZUPER_CATEGORY) ? name : null;

export interface ZuperCatalogSideOptions {
  client: ZuperClient;
  /** Where a new product's stock is kept. */
  defaultLocationUid: string;
  /** The reorder level a new product gets at that location. */
  minQuantity: number;
}

/** The plain fields of a definition as Zuper names them; categories are set on their own. */
const zuperFields = (definition: Partial<ItemDefinition>): ZuperProductPatch => ({
  ...(definition.name !== undefined ? { name: definition.name } : {}),
  ...(definition.sku !== undefined ? { productId: definition.sku } : {}),
  ...(definition.description !== undefined ? { description: definition.description } : {}),
  ...(definition.price !== undefined ? { price: definition.price } : {}),
  ...(definition.cost !== undefined ? { purchasePrice: definition.cost } : {}),
  ...(definition.active !== undefined ? { isAvailable: definition.active } : {}),
});

/** Zuper's products for the catalog sync and reconciliation; category names come from one list of categories. */
export function createZuperCatalogSide(options: ZuperCatalogSideOptions): CatalogPort {
  const { client } = options;
  const catalogItemOf = (product: ZuperProduct, categoryName: string | null | undefined): CatalogItem => ({
    entry: zuperCatalogEntry(product, categoryName ?? null),
    copiedCategoryName: categoryName === undefined ? undefined : copiedName(categoryName),
    onHand: roundQty(product.quantity),
    definition: (kind) => zuperDefinition(product, kind),
    version: null,
    category: false,
  });
  const ensureCategory = async (name: string | null) => {
    const wanted = name ?? DEFAULT_ZUPER_CATEGORY;
    const existing = (await client.listCategories()).find(
      (c) => !c.isDeleted && comparableName(c.name) === comparableName(wanted),
    );
    return existing?.uid ?? (await client.createCategory({ name: wanted }));
  };
  const createProductFrom = async (
    { kind, definition, quantity }: NewItem,
    origin: DefinitionOrigin,
    retriedSince: Date | null,
  ): Promise<string> => {
    // Only a retry can find a product an earlier attempt created and lost the answer to: the first spends no search.
    if (retriedSince) {
      for await (const product of client.iterateProducts({ keyword: definition.name })) {
        if (product.metaData[ACCOUNTING_ID_FIELD] === origin.id) return product.uid;
      }
    }
    return client.createProduct({
      ...zuperFields(definition),
      name: definition.name,
      type: zuperTypeFor(kind),
      categoryUid: definition.categoryId ?? (await ensureCategory(null)),
      trackQuantity: kind === 'inventory',
      ...(quantity === null
        ? {}
        : {
            locations: [
              {
                locationUid: options.defaultLocationUid,
                quantity: roundQty(quantity),
                minQuantity: options.minQuantity,
              },
            ],
          }),
      metaData: { [ACCOUNTING_ID_FIELD]: origin.id },
    });
  };
  /** The category list is read first, so each page of products is named as it arrives. */
  async function* readCatalogPages(): AsyncGenerator<CatalogItem[]> {
    const names = new Map((await client.listCategories()).map((c) => [c.uid, c.name]));
    const categoryName = (product: ZuperProduct) =>
      product.categoryUid ? (names.get(product.categoryUid) ?? null) : null;
    for await (const products of client.iterateProductPages()) {
      yield products.filter((p) => !p.isDeleted).map((product) => catalogItemOf(product, categoryName(product)));
    }
  }
  return {
    readCatalog: (progress) => collectCatalog(readCatalogPages(), progress),
    readCatalogPages,
    async readItem(productUid) {
      const product = await client.getProduct(productUid);
      // A deleted product can still be read; linking never sees it. Naming its category would cost another call.
      return product && !product.isDeleted ? catalogItemOf(product, undefined) : null;
    },
    async createItems(creations, retriedSince) {
      // Zuper writes one product per request; a retryable failure stops here and the retry finds what was written.
      const outcomes: ItemCreationOutcome[] = [];
      for (const { item, origin } of creations) {
        try {
          outcomes.push({ id: await createProductFrom(item, origin, retriedSince) });
        } catch (error) {
          outcomes.push(failedCreation(error));
        }
      }
      return outcomes;
    },
    async updateItem(item, changes) {
      const plain = zuperFields(changes);
      if (Object.keys(plain).length > 0) await client.updateProduct(item.id, plain);
      if (changes.categoryId !== undefined) {
        await client.updateProduct(item.id, { categoryUid: changes.categoryId ?? (await ensureCategory(null)) });
      }
    },
    async categoryName(categoryUid) {
      const category = (await client.listCategories()).find((c) => c.uid === categoryUid);
      return copiedName(category?.name ?? null);
    },
    ensureCategory,
  };
}
