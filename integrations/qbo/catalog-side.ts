import { createHash } from 'node:crypto';
import type { ItemDefinition } from '../../domain/catalog/definition.js';
import type { ItemKind, KindResult } from '../../domain/catalog/kinds.js';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import { comparableName } from '../../domain/catalog/names.js';
import { roundQty } from '../../domain/quantity.js';
import {
  collectCatalog,
  failedCreation,
  SideRefusal,
  type CatalogItem,
  type CatalogPort,
  type DefinitionOrigin,
  type ItemCreationOutcome,
  type NewItem,
} from '../port.js';
import { qboMaxBatchSize, type QboBatchResult } from './batch.js';
import type { QboClient } from './client.js';
import { kindOfQboItem, qboTypeFor } from './item-kinds.js';
import { toQboName } from './item-name.js';
import { itemCreateBody, stripInactiveNameSuffix, type QboItemCreate, type QboItemPatch } from './items.js';
import { countQuery, includeInactive, qboMaxPageSize, selectQuery } from './query-builder.js';
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

/**
 * A QBO item as linking sees it: named without the " (deleted)" QuickBooks adds to inactive items' names, so it
 * matches the item it was; its category is the parent in its fully qualified name.
 */
export function qboCatalogEntry(item: QboItem): CatalogEntry {
  const kind = qboKind(item);
  const path = (item.FullyQualifiedName ?? item.Name).split(':');
  return {
    id: item.Id,
    name: stripInactiveNameSuffix(item.Name),
    sku: item.Sku ?? null,
    categoryName: path.length > 1 ? path[path.length - 2]! : null,
    kind,
    active: item.Active,
    quantity: kind.ok && kind.kind === 'inventory' ? roundQty(item.QtyOnHand ?? 0) : null,
  };
}

const catalogItemOf = (item: QboItem): CatalogItem => {
  const entry = qboCatalogEntry(item);
  return {
    entry,
    // The parent in the item's path is its category.
    copiedCategoryName: item.ParentRef ? entry.categoryName : null,
    onHand: roundQty(item.QtyOnHand ?? 0),
    definition: (kind) => qboDefinition(item, kind),
    version: item.SyncToken,
    category: item.Type === 'Category',
  };
};

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
/** One batch's key: the same items in a retried batch replay its answer. */
const batchRequestId = (origins: readonly DefinitionOrigin[]) =>
  `ib-${shortHash(origins.map((o) => o.key).join('\n'))}`;
/** How far QuickBooks' clock may run behind the worker's when finding what an earlier attempt created. */
const CLOCK_SKEW_MS = 5 * 60_000;
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

/** The fields of a definition as QuickBooks names them, for creates and updates; the category is a parent reference. */
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

/** The catalog: every item, active or not, a page of them at a time in the order of their ids. */
const catalogWhere = [includeInactive];
const page = (n: number) => ({
  bId: `p${n}`,
  query: selectQuery('Item', {
    where: catalogWhere,
    orderBy: 'Id',
    startPosition: 1 + n * qboMaxPageSize,
    maxResults: qboMaxPageSize,
  }),
});

function rowsOf(result: QboBatchResult): QboItem[] {
  if (result.type === 'query') return result.rows as QboItem[];
  if (result.type === 'fault') throw result.error;
  throw new Error(`QuickBooks answered a catalog page with a ${result.type} result`);
}

function totalCountOf(result: QboBatchResult): number {
  if (result.type === 'count') return result.totalCount;
  if (result.type === 'fault') throw result.error;
  throw new Error(`QuickBooks answered the catalog count with a ${result.type} result`);
}

/** What QuickBooks creates for an item copied from the other side. */
function createBody({ kind, definition, quantity }: NewItem, origin: DefinitionOrigin, accounts: QboItemAccounts) {
  const name = qboName(definition.name, 'product', origin);
  // A new item is written with the fields its definition fills; an empty one is left out rather than cleared.
  const filled = Object.fromEntries(
    Object.entries(definition).filter(([, value]) => value !== null && value !== ''),
  ) as Partial<ItemDefinition>;
  const common = { ...qboFields(filled, () => name), Name: name };
  const income = { value: accounts.incomeAccountId };
  const body: QboItemCreate =
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
  return body;
}

/**
 * Catalog pages of 1,000 items asked for in one batch request. A batch's answer is parsed whole: in the worker each
 * page held costs about 6 MB of heap while its batch is parsed and validated, so 30 pages (the most a batch takes)
 * made the biggest part of a 100,000-item reconciliation's peak, and 10 still added about 60 MB at a time
 * (docs/big-company.md). Three hold 18 MB; the read then costs ceil(pages / 3) batch requests instead of
 * ceil(pages / 30), 34 instead of 5 at 100,000 items, which QuickBooks' 40 batch requests a minute allow in 51 s,
 * well inside the two minutes Zuper's 1,000 pages take.
 */
const CATALOG_PAGES_PER_BATCH = 3;

/** QuickBooks Online's items for the catalog sync and reconciliation (categories are items of type Category). */
export function createQboCatalogSide(options: QboCatalogSideOptions): CatalogPort {
  const { client } = options;
  /**
   * The items an earlier attempt created, by position (undefined: not found). QuickBooks keeps nothing of the origin
   * on an item, but item names are unique in a company: an item of the same name and type created since the first
   * attempt was scheduled is either that attempt's copy, or one a user made meanwhile that linking would have matched
   * by name; a second create could only fail as a duplicate name (docs/initial-sync.md, "Retries").
   */
  const earlierCopies = async (bodies: readonly QboItemCreate[], since: Date) => {
    const found = await client.findItemsByNames(bodies.map((b) => b.Name));
    const notBefore = since.getTime() - CLOCK_SKEW_MS;
    return bodies.map(
      (body) =>
        found.find(
          (item) =>
            comparableName(stripInactiveNameSuffix(item.Name)) === comparableName(body.Name) &&
            item.Type === body.Type &&
            Date.parse(item.MetaData.CreateTime ?? item.MetaData.LastUpdatedTime) >= notBefore,
        )?.Id,
    );
  };
  const createAlone = async (body: QboItemCreate, origin: DefinitionOrigin): Promise<ItemCreationOutcome> => {
    try {
      return { id: (await client.createItem(body, { requestId: itemRequestId(origin) })).Id };
    } catch (error) {
      return failedCreation(error);
    }
  };
  const itemsOf = (rows: readonly QboItem[]): CatalogItem[] =>
    rows.filter((item) => item.Type !== 'Category').map(catalogItemOf);
  async function* readCatalogPages(): AsyncGenerator<CatalogItem[]> {
    // The first request answers the count and the first page; the other pages follow in batch requests. An
    // item created after the count is not read: its webhook copies it, as any new item (or reconciliation does).
    const [counted, first] = await client.batch([{ bId: 'count', count: countQuery('Item', catalogWhere) }, page(0)]);
    const pages = Math.max(1, Math.ceil(totalCountOf(counted!) / qboMaxPageSize));
    yield itemsOf(rowsOf(first!));
    for (let from = 1; from < pages; from += CATALOG_PAGES_PER_BATCH) {
      const numbers = Array.from({ length: Math.min(CATALOG_PAGES_PER_BATCH, pages - from) }, (_, n) => from + n);
      const results = await client.batch(numbers.map(page));
      // Each page is let go once handed over, not kept until the batch's last page is.
      for (let result = results.shift(); result; result = results.shift()) yield itemsOf(rowsOf(result));
    }
  }
  return {
    readCatalog: (progress) => collectCatalog(readCatalogPages(), progress),
    readCatalogPages,
    async readItem(itemId) {
      const item = await client.getItem(itemId);
      return item ? catalogItemOf(item) : null;
    },
    async createItems(creations, retriedSince) {
      if (creations.length === 0) return [];
      const outcomes: ItemCreationOutcome[] = [];
      const pending: { index: number; body: QboItemCreate; origin: DefinitionOrigin }[] = [];
      const accounts = await options.accounts();
      creations.forEach(({ item, origin }, index) => {
        try {
          pending.push({ index, body: createBody(item, origin, accounts), origin });
        } catch (error) {
          outcomes[index] = failedCreation(error);
        }
      });
      const earlier = retriedSince
        ? await earlierCopies(
            pending.map((p) => p.body),
            retriedSince,
          )
        : [];
      pending.forEach((p, n) => {
        if (earlier[n]) outcomes[p.index] = { id: earlier[n] };
      });
      const toCreate = pending.filter((_, n) => !earlier[n]);
      for (let from = 0; from < toCreate.length; from += qboMaxBatchSize) {
        const batch = toCreate.slice(from, from + qboMaxBatchSize);
        if (batch.length === 1) {
          // A lone item costs a plain request, which leaves the scarcer batch budget alone.
          const [{ index, body, origin }] = batch as [(typeof batch)[0]];
          outcomes[index] = await createAlone(body, origin);
          continue;
        }
        const results = await client.batch(
          batch.map((p, n) => ({
            bId: String(n),
            operation: 'create',
            entity: 'Item',
            body: { ...itemCreateBody(p.body) },
          })),
          { requestId: batchRequestId(batch.map((p) => p.origin)) },
        );
        results.forEach((result, n) => {
          const { index } = batch[n]!;
          if (result.type === 'entity') outcomes[index] = { id: result.value.Id };
          else if (result.type === 'fault') outcomes[index] = failedCreation(result.error);
          else throw new Error(`QuickBooks answered a batch create with a ${result.type} result`);
        });
      }
      return outcomes;
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
