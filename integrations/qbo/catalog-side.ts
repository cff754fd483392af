import { createHash } from 'node:crypto';
import type { ItemDefinition } from '../../domain/catalog/definition.js';
import { kindOfQboItem, qboTypeFor, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { comparableName, toQboName } from '../../domain/catalog/qbo-name.js';
import { roundQty } from '../../domain/quantity.js';
import { SideRefusal, type CatalogItem, type CatalogPort, type DefinitionOrigin } from '../port.js';
import type { QboClient } from './client.js';
import { stripInactiveNameSuffix, type QboItemCreate, type QboItemPatch } from './items.js';
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
  version: item.SyncToken,
  category: item.Type === 'Category',
});

/** The accounts a new item posts to (the connection's settings, else the standard accounts of a new company). */
export interface QboItemAccounts {
  incomeAccountId: string;
  cogsAccountId: string;
  assetAccountId: string;
}

export interface QboCatalogSideOptions {
  client: QboClient;
  /** Resolved only when an item is created. */
  accounts: () => Promise<QboItemAccounts>;
}

const today = () => new Date().toISOString().slice(0, 10);
const shortHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);
/** A retried create replays QuickBooks' answer to the same requestid instead of creating a second record. */
const itemRequestId = (origin: DefinitionOrigin) => `it-${shortHash(origin.key)}`;
const categoryRequestId = (origin: DefinitionOrigin) =>
  `cat-${Buffer.from(origin.key).toString('base64url').slice(-40)}`;

/** A name as QuickBooks accepts it (no colons, at most 100 characters); one it refuses needs renaming at its origin. */
function qboName(name: string, what: string, origin: DefinitionOrigin): string {
  const valid = toQboName(name);
  if (!valid.ok) {
    throw new SideRefusal(
      'invalid-name',
      `${origin.systemLabel} ${what} "${name}" (${origin.id}): ${valid.reason}.`,
      `Rename the ${what} in ${origin.systemLabel}, then retry.`,
    );
  }
  return valid.name;
}

/** The plain fields of a definition as QuickBooks names them; the category is a parent reference. */
const qboFields = (definition: Partial<ItemDefinition>, name: () => string): Partial<QboItemPatch> => ({
  ...(definition.name !== undefined ? { Name: name() } : {}),
  ...(definition.sku !== undefined ? { Sku: (definition.sku ?? '').slice(0, 100) } : {}),
  ...(definition.description !== undefined ? { Description: definition.description.slice(0, 4000) } : {}),
  ...(definition.price !== undefined ? { UnitPrice: definition.price ?? 0 } : {}),
  ...(definition.cost !== undefined ? { PurchaseCost: definition.cost ?? 0 } : {}),
  ...(definition.active !== undefined ? { Active: definition.active } : {}),
  // An item cannot be moved out of every category by a sparse update; it keeps its parent.
  ...(definition.categoryId ? { ParentRef: { value: definition.categoryId } } : {}),
});

/** QuickBooks Online's items for the catalog sync and reconciliation (categories are items of type Category). */
export function createQboCatalogSide(options: QboCatalogSideOptions): CatalogPort {
  const { client } = options;
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
    async createItem({ kind, definition, quantity }, origin) {
      const name = qboName(definition.name, 'product', origin);
      const accounts = await options.accounts();
      const common = {
        Name: name,
        ...(definition.sku ? { Sku: definition.sku.slice(0, 100) } : {}),
        ...(definition.description ? { Description: definition.description.slice(0, 4000) } : {}),
        ...(definition.price !== null ? { UnitPrice: definition.price } : {}),
        ...(definition.cost !== null ? { PurchaseCost: definition.cost } : {}),
        Active: definition.active,
        ...(definition.categoryId ? { ParentRef: { value: definition.categoryId } } : {}),
      };
      const income = { value: accounts.incomeAccountId };
      const input: QboItemCreate =
        kind === 'inventory'
          ? {
              ...common,
              Type: 'Inventory',
              TrackQtyOnHand: true,
              QtyOnHand: roundQty(quantity ?? 0),
              InvStartDate: today(),
              IncomeAccountRef: income,
              ExpenseAccountRef: { value: accounts.cogsAccountId },
              AssetAccountRef: { value: accounts.assetAccountId },
            }
          : { ...common, Type: qboTypeFor(kind) as 'Service', IncomeAccountRef: income };
      return (await client.createItem(input, { requestId: itemRequestId(origin) })).Id;
    },
    async updateItem(item, changes, origin) {
      await client.updateItemSparse(
        {
          Id: item.id,
          SyncToken: item.version ?? '0',
          ...qboFields(changes, () => qboName(changes.name ?? '', 'product', origin)),
        },
        { requestId: `up-${item.id}-${item.version}`.slice(0, 50) },
      );
    },
    async categoryName(categoryId) {
      return (await client.getItem(categoryId))?.Name ?? null;
    },
    async ensureCategory(name, origin) {
      // Items need no category in QuickBooks.
      if (name === null) return null;
      const company = await client.getCompanyInfo();
      if (!company.itemCategoriesEnabled) {
        throw new SideRefusal(
          'categories-off',
          `The ${origin.systemLabel} category "${name}" cannot be copied because categories are turned off in this QuickBooks company.`,
          'In QuickBooks turn on Settings → Account and settings → Sales → Products and services → "Track inventory categories", then retry.',
        );
      }
      const wanted = qboName(name, 'category', origin);
      const existing = (await client.listCategories()).find((c) => comparableName(c.Name) === comparableName(wanted));
      return (
        existing?.Id ?? (await client.createCategory({ Name: wanted }, { requestId: categoryRequestId(origin) })).Id
      );
    },
  };
}
