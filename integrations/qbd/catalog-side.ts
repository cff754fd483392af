import type { ItemDefinition } from '../../domain/catalog/definition.js';
import type { ItemKind, KindResult } from '../../domain/catalog/kinds.js';
import { startingQuantityMovementId } from '../../domain/movement-id.js';
import { roundQty } from '../../domain/quantity.js';
import {
  failedCreation,
  MissingItemError,
  SideRefusal,
  type CatalogItem,
  type CatalogPort,
  type DefinitionOrigin,
} from '../port.js';
import { missingAccounts, type QbdAccounts } from './accounts.js';
import {
  applyMovementOnce,
  createItem,
  itemHoldingName,
  missingAccountNames,
  readAllItems,
  readInventorySites,
  readItem,
  readItemByFullName,
  updateItemDefinition,
  type NewQbdItem,
  type QbxmlSend,
} from './operations.js';
import { explainAdjustmentRefusal, stepKeys, type QbdSideOptions } from './quantity-side.js';
import { runQueued } from './queued-send.js';
import { checkItemName, QbdNameError, type ItemFields, type QbdItemType } from './requests.js';
import { QbdStatusError, type QbdInventorySite, type QbdItem } from './responses.js';
import { siteForMovements } from './sites.js';

/** QuickBooks Desktop's item type of each kind: stock tracked, bought or sold untracked, or a service. */
const typeOfKind: Record<ItemKind, QbdItemType> = {
  inventory: 'ItemInventory',
  noninventory: 'ItemNonInventory',
  service: 'ItemService',
};
const kinds: Record<string, ItemKind> = Object.fromEntries(
  Object.entries(typeOfKind).map(([kind, type]) => [type, kind as ItemKind]),
);

const kindOf = (item: QbdItem): KindResult => {
  const kind = kinds[item.type];
  return kind
    ? { ok: true, kind }
    : { ok: false, reason: `QuickBooks Desktop ${item.type} items have no Zuper counterpart and are not synced` };
};

/** How users know each synced item type, for explanations. */
const typeLabels: Record<QbdItemType, string> = {
  ItemInventory: 'an inventory part',
  ItemNonInventory: 'a non-inventory part',
  ItemService: 'a service',
};

/**
 * An item as linking and reconciliation see it; its category is its parent, as in its FullName. An item with
 * sub-items (`isParent`) is a category: QuickBooks Desktop has no categories of its own, its parent items group items.
 */
function catalogItemOf(item: QbdItem, isParent = false): CatalogItem {
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
    category: isParent,
  };
}

/** A name QuickBooks Desktop can hold; one it cannot needs renaming where it comes from. */
function qbdName(name: string, origin: DefinitionOrigin, what = 'product'): string {
  try {
    checkItemName(name);
    return name;
  } catch (error) {
    if (!(error instanceof QbdNameError)) throw error;
    throw new SideRefusal(
      'invalid-name',
      `${origin.systemLabel} ${what} "${name}" (${origin.id}): ${error.message}.`,
      `Rename the ${what} in ${origin.systemLabel} (at most 31 characters, no ":"), then retry.`,
    );
  }
}

/**
 * The fields of a definition QuickBooks Desktop keeps on an item; it has no SKU field, and non-inventory and service
 * items (sold through SalesOrPurchase) keep no cost, which their Add and Mod leave out.
 */
const qbdFields = (changes: Partial<ItemDefinition>, origin: DefinitionOrigin): Partial<ItemFields> => ({
  ...(changes.name !== undefined ? { name: qbdName(changes.name, origin) } : {}),
  ...(changes.description !== undefined ? { salesDesc: changes.description.slice(0, 4095) } : {}),
  ...(changes.price !== undefined ? { salesPrice: changes.price ?? 0 } : {}),
  ...(changes.cost !== undefined ? { purchaseCost: changes.cost ?? 0 } : {}),
  ...(changes.active !== undefined ? { isActive: changes.active } : {}),
  ...(changes.categoryId ? { parent: { listId: changes.categoryId } } : {}),
});

/** A new item of the kind, with the accounts the connection's settings name for it. */
function newItem(kind: ItemKind, fields: ItemFields, quantity: number | null, accounts: QbdAccounts): NewQbdItem {
  if (kind === 'inventory') {
    return {
      ...fields,
      type: 'ItemInventory',
      accounts: {
        income: { fullName: accounts.income },
        costOfGoodsSold: { fullName: accounts.cogs },
        asset: { fullName: accounts.asset },
      },
      quantityOnHand: roundQty(quantity ?? 0),
    };
  }
  // QuickBooks Desktop keeps no quantity (nor, sold through SalesOrPurchase, a cost) of these.
  const account = kind === 'service' ? accounts.serviceIncome : accounts.nonInventoryIncome;
  return { ...fields, type: kind === 'service' ? 'ItemService' : 'ItemNonInventory', account: { fullName: account } };
}

/** The roles of the accounts a new item names, with their names. */
function accountRolesOf(kind: ItemKind, accounts: QbdAccounts) {
  const roles: (keyof QbdAccounts)[] =
    kind === 'inventory' ? ['income', 'cogs', 'asset'] : [kind === 'service' ? 'serviceIncome' : 'nonInventoryIncome'];
  return roles.map((role) => ({ role, name: accounts[role] }));
}

/**
 * Sends a create, and explains a 3140 (an invalid reference) QuickBooks answers it with: the accounts it names are
 * looked up, and those the company file lacks are named in the refusal with the setting that chooses another.
 */
async function createExplained(
  send: QbxmlSend,
  item: NewQbdItem,
  roles: { role: keyof QbdAccounts; name: string }[],
  connectionId: string,
): Promise<QbdItem> {
  try {
    return await createItem(send, item);
  } catch (error) {
    if (!(error instanceof QbdStatusError) || error.reason !== 'invalid-reference') throw error;
    const missing = new Set(await missingAccountNames(send, [...new Set(roles.map((r) => r.name))]));
    if (missing.size > 0)
      throw missingAccounts(
        roles.filter((r) => missing.has(r.name)),
        connectionId,
      );
    // Else the reference QuickBooks refused is the parent: gone, or of another type than the item.
    const parent = item.parent && 'listId' in item.parent ? await readItem(send, item.parent.listId) : null;
    if (parent === null || parent.type === item.type) throw error;
    throw new SideRefusal(
      'parent-type',
      `QuickBooks Desktop keeps a sub-item to its parent's type: the category "${parent.name}" is ${typeLabels[parent.type as QbdItemType] ?? parent.type}, and "${item.name}" would be ${typeLabels[item.type]}.`,
      `In Zuper, put the product in a category that holds only items of its kind, then retry (or make the parent item ` +
        `in QuickBooks Desktop one of that type and link the category by hand).`,
    );
  }
}

/**
 * Gives a new inventory item its starting quantity at the connection's site, as an adjustment: ItemInventoryAdd has no
 * site (qbXML 13.0), so its QuantityOnHand would land wherever QuickBooks puts it. Written once whichever attempt
 * sends it: the movement id is the item's, looked up first, and a retry meets its own item by name. A refusal says
 * the item was added without it, so the retry's finding the item is no surprise.
 */
async function startAtSite(
  send: QbxmlSend,
  item: QbdItem,
  quantity: number,
  site: QbdInventorySite,
  options: QbdSideOptions,
): Promise<void> {
  const account = options.accounts.adjustment;
  const { connectionId } = options.access;
  try {
    await applyMovementOnce(send, {
      movementId: startingQuantityMovementId(connectionId, item.id),
      item: { listId: item.id },
      quantityDifference: quantity,
      account: { fullName: account },
      reason: 'qzsync: starting quantity of a new item',
      site: { listId: site.id },
    });
  } catch (error) {
    const explained = await explainAdjustmentRefusal(send, error, { account, site, connectionId });
    if (!(explained instanceof SideRefusal)) throw explained;
    throw new SideRefusal(
      explained.code,
      `QuickBooks Desktop item "${item.fullName}" was added with no quantity, and its starting quantity (${quantity} at ` +
        `the site "${site.name}") was not: ${explained.explanation}`,
      `${explained.fix} The retry finds the item by its name and gives it its starting quantity once.`,
    );
  }
}

/**
 * QuickBooks Desktop's items for linking, the catalog sync and reconciliation, over the work queue: inventory,
 * non-inventory and service items, each created with the accounts the connection's settings name.
 */
export function createQbdCatalogSide(options: QbdSideOptions): CatalogPort {
  const { access } = options;
  const nextKey = stepKeys(`${options.stepKey}:catalog`);
  return {
    async readCatalog(progress) {
      const items = await runQueued(access, nextKey(), (send) =>
        readAllItems(send, { activeStatus: 'All', maxReturned: 1000 }),
      );
      // Parents are categories, not products (as QuickBooks Online's category items are left out of its catalog).
      const parents = new Set(items.flatMap((item) => item.parentId ?? []));
      const catalog = new Map(
        items.filter((item) => !parents.has(item.id)).map((item) => [item.id, catalogItemOf(item)]),
      );
      progress(catalog.size);
      return catalog;
    },
    async readItem(itemId) {
      const item = await runQueued(access, nextKey(), (send) => readItem(send, itemId));
      return item ? catalogItemOf(item) : null;
    },
    async createItems(creations, retriedSince) {
      // One request each (no batch writes), keyed by the step and the origin: a retried step finds its first answers,
      // while a later sync (after a refusal was fixed) asks again. All are queued at once, so the Web Connector carries
      // up to a message's worth of Adds in one exchange, and the creates share one choice of the site.
      return Promise.all(
        creations.map(async ({ item, origin }) => {
          try {
            const fields = { ...qbdFields(item.definition, origin), name: qbdName(item.definition.name, origin) };
            const quantity = roundQty(item.quantity ?? 0);
            const key = `${options.stepKey}:create:${origin.key}`;
            // The create's parts share the step's wait, which fits the activity's timeout.
            const deadline = Date.now() + access.waitMs;
            const remaining = () => ({ ...access, waitMs: Math.max(0, deadline - Date.now()) });
            // In a company file with sites the stock starts at the connection's site, by an adjustment after the Add.
            const site =
              item.kind === 'inventory' && quantity !== 0
                ? await siteForMovements(
                    access.connectionId,
                    options.sites,
                    () => runQueued(remaining(), `${key}:sites`, readInventorySites),
                    remaining(),
                  )
                : null;
            const wanted = newItem(item.kind, fields, site === null ? quantity : 0, options.accounts);
            // QuickBooks Desktop keeps no request ids: a retry (of this step, or of a sync that failed, perhaps after
            // the Add) first looks for the item an earlier attempt added. Each part is queued under a key of its own,
            // so a retried step finds each answer its first attempt got, whichever parts that attempt sent.
            const earlier =
              retriedSince === null
                ? null
                : await runQueued(remaining(), `${key}:earlier`, (send) => itemHoldingName(send, wanted));
            const made =
              earlier ??
              (await runQueued(remaining(), key, (send) =>
                createExplained(send, wanted, accountRolesOf(item.kind, options.accounts), access.connectionId),
              ));
            if (site !== null) {
              await runQueued(remaining(), `${key}:start`, (send) => startAtSite(send, made, quantity, site, options));
            }
            return { id: made.id };
          } catch (error) {
            return failedCreation(error);
          }
        }),
      );
    },
    async updateItem(item, changes, origin) {
      const fields = qbdFields(changes, origin);
      // The Mod to send depends on the item's type, which the read gives, in the same session as the Mod.
      await runQueued(access, nextKey(), async (send) => {
        const current = await readItem(send, item.id);
        if (current === null) throw new MissingItemError(item.id);
        const type = current.type as QbdItemType;
        return updateItemDefinition(
          send,
          { id: item.id, type, editSequence: item.version ?? current.editSequence },
          fields,
        );
      });
    },
    async categoryName(categoryId) {
      const parent = await runQueued(access, nextKey(), (send) => readItem(send, categoryId));
      return parent?.name ?? null;
    },
    /**
     * A top-level item with the category's name (names are unique across item types), else a new one of the kind of
     * the item it is for: a sub-item must be of its parent's type. Items need no parent, so "no category" is none.
     */
    async ensureCategory(name, origin, kind = 'noninventory') {
      if (name === null) return null;
      const fields = { name: qbdName(name, origin, 'category'), isActive: true };
      const parent = await runQueued(access, nextKey(), async (send) => {
        const existing = await readItemByFullName(send, fields.name);
        // Only a top-level item: a sub-item of that name is a different full name.
        if (existing) return existing;
        return createExplained(
          send,
          newItem(kind, fields, 0, options.accounts),
          accountRolesOf(kind, options.accounts),
          access.connectionId,
        );
      });
      return parent.id;
    },
  };
}
