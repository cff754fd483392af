import type { ItemDefinition } from '../../domain/catalog/definition.js';
import type { ItemKind, KindResult } from '../../domain/catalog/kinds.js';
import { roundQty } from '../../domain/quantity.js';
import { failedCreation, SideRefusal, type CatalogItem, type CatalogPort, type DefinitionOrigin } from '../port.js';
import { createInventoryItem, readAllItems, readItem, updateItemDefinition } from './operations.js';
import { stepKeys, type QbdSideOptions } from './quantity-side.js';
import { runQueued } from './queued-send.js';
import { checkItemName, QbdNameError, type ItemInventoryAccounts, type ItemInventoryFields } from './requests.js';
import type { QbdItem } from './responses.js';

const kinds: Record<string, ItemKind> = {
  ItemInventory: 'inventory',
  ItemNonInventory: 'noninventory',
  ItemService: 'service',
};

const kindOf = (item: QbdItem): KindResult => {
  const kind = kinds[item.type];
  return kind
    ? { ok: true, kind }
    : { ok: false, reason: `QuickBooks Desktop ${item.type} items have no Zuper counterpart and are not synced` };
};

/** An item as linking and reconciliation see it; its category is its parent, as in its FullName. */
function catalogItemOf(item: QbdItem): CatalogItem {
  const kind = kindOf(item);
  const path = item.fullName.split(':');
  const categoryName = path.length > 1 ? path[path.length - 2]! : null;
  return {
    entry: {
      id: item.id,
      name: item.name,
      sku: null,
      categoryName,
      kind,
      active: item.active,
      quantity: kind.ok && kind.kind === 'inventory' ? roundQty(item.quantityOnHand ?? 0) : null,
    },
    copiedCategoryName: categoryName,
    onHand: roundQty(item.quantityOnHand ?? 0),
    definition: (definitionKind): ItemDefinition => ({
      kind: definitionKind,
      name: item.name,
      sku: null,
      description: item.salesDesc ?? '',
      price: item.salesPrice,
      cost: item.purchaseCost,
      categoryId: item.parentId,
      active: item.active,
    }),
    version: item.editSequence,
    category: false,
  };
}

/** A name QuickBooks Desktop can hold; one it cannot needs renaming where it comes from. */
function qbdName(name: string, origin: DefinitionOrigin): string {
  try {
    checkItemName(name);
    return name;
  } catch (error) {
    if (!(error instanceof QbdNameError)) throw error;
    throw new SideRefusal(
      'qbd:invalid-name',
      `${origin.systemLabel} product "${name}" (${origin.id}): ${error.message}.`,
      `Rename the product in ${origin.systemLabel} (at most 31 characters, no ":"), then retry.`,
    );
  }
}

/** The fields of a definition QuickBooks Desktop keeps on an inventory item; it has no SKU field there. */
const qbdFields = (changes: Partial<ItemDefinition>, origin: DefinitionOrigin): Partial<ItemInventoryFields> => ({
  ...(changes.name !== undefined ? { name: qbdName(changes.name, origin) } : {}),
  ...(changes.description !== undefined ? { salesDesc: changes.description.slice(0, 4095) } : {}),
  ...(changes.price !== undefined ? { salesPrice: changes.price ?? 0 } : {}),
  ...(changes.cost !== undefined ? { purchaseCost: changes.cost ?? 0 } : {}),
  ...(changes.active !== undefined ? { isActive: changes.active } : {}),
  ...(changes.categoryId ? { parent: { listId: changes.categoryId } } : {}),
});

const categoriesRefused = (what: string) =>
  new SideRefusal(
    'qbd:categories-unsupported',
    `QuickBooks Desktop keeps categories as parent items, which the sync does not create yet (${what}).`,
    'Create the parent item in QuickBooks Desktop and link the items by hand, or sync without categories.',
  );

export interface QbdCatalogSideOptions extends QbdSideOptions {
  /** The accounts a new inventory item posts to. */
  itemAccounts: ItemInventoryAccounts;
}

/**
 * QuickBooks Desktop's items for linking, the catalog sync and reconciliation, over the work queue. Creates inventory
 * items only; other kinds and categories are refused with the reason.
 */
export function createQbdCatalogSide(options: QbdCatalogSideOptions): CatalogPort {
  const { access } = options;
  const nextKey = stepKeys(`${options.stepKey}:catalog`);
  return {
    async readCatalog(progress) {
      const items = await runQueued(access, nextKey(), (send) =>
        readAllItems(send, { activeStatus: 'All', maxReturned: 1000 }),
      );
      const catalog = new Map(items.map((item) => [item.id, catalogItemOf(item)]));
      progress(catalog.size);
      return catalog;
    },
    async readItem(itemId) {
      const item = await runQueued(access, nextKey(), (send) => readItem(send, itemId));
      return item ? catalogItemOf(item) : null;
    },
    async createItems(creations) {
      const outcomes = [];
      // One request each (no batch writes); each keyed by its origin, so a retried create finds its first answer.
      for (const { item, origin } of creations) {
        try {
          if (item.kind !== 'inventory') {
            throw new SideRefusal(
              'qbd:kind-unsupported',
              `${origin.systemLabel} product "${item.definition.name}" (${origin.id}) is ${item.kind}; the sync creates only inventory items in QuickBooks Desktop so far.`,
              'Create the item in QuickBooks Desktop and link it by hand.',
            );
          }
          if (item.definition.categoryId) throw categoriesRefused(`"${item.definition.name}" has a category`);
          const fields = { ...qbdFields(item.definition, origin), name: qbdName(item.definition.name, origin) };
          const created = await runQueued(access, `create:${origin.key}`, (send) =>
            createInventoryItem(send, {
              ...fields,
              accounts: options.itemAccounts,
              quantityOnHand: roundQty(item.quantity ?? 0),
            }),
          );
          outcomes.push({ id: created.id });
        } catch (error) {
          outcomes.push(failedCreation(error));
        }
      }
      return outcomes;
    },
    async updateItem(item, changes, origin) {
      const current = item.version ?? (await this.readItem(item.id))?.version;
      if (current === undefined || current === null) throw new Error(`QuickBooks Desktop has no item ${item.id}`);
      await runQueued(access, nextKey(), (send) =>
        updateItemDefinition(send, { id: item.id, editSequence: current }, qbdFields(changes, origin)),
      );
    },
    async categoryName(categoryId) {
      const parent = await runQueued(access, nextKey(), (send) => readItem(send, categoryId));
      return parent?.name ?? null;
    },
    ensureCategory(name) {
      if (name === null) return Promise.resolve(null);
      return Promise.reject(categoriesRefused(`"${name}" asked for`));
    },
  };
}
