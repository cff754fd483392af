import { checkRequestId, maxRequestIdLength } from './request-id.js';
import { includeInactive, selectQuery, where, qboMaxPageSize, type QboCondition } from './query-builder.js';
import type { QboQueryApi } from './query.js';
import { notFoundAsNull } from './not-found.js';
import { singleEnvelope } from './schemas/entities.js';
import type { QboItem } from './schemas/item.js';
import type { QboTransport } from './transport.js';
import type { QboWriteOptions } from './write-options.js';

export interface QboRefInput {
  value: string;
  name?: string;
}

interface QboItemCommonFields {
  Name: string;
  Sku?: string;
  Description?: string;
  PurchaseDesc?: string;
  UnitPrice?: number;
  PurchaseCost?: number;
  Active?: boolean;
  /** A Category; the item is then sent with `SubItem: true`. */
  ParentRef?: QboRefInput;
}

/** The item types the API can create, with the fields QBO requires for each (reference §3.2). */
export type QboItemCreate =
  | (QboItemCommonFields & {
      Type: 'Inventory';
      TrackQtyOnHand: true;
      QtyOnHand: number;
      /** YYYY-MM-DD. */
      InvStartDate: string;
      ReorderPoint?: number;
      IncomeAccountRef: QboRefInput;
      ExpenseAccountRef: QboRefInput;
      AssetAccountRef: QboRefInput;
    })
  | (QboItemCommonFields & { Type: 'NonInventory'; IncomeAccountRef?: QboRefInput; ExpenseAccountRef?: QboRefInput })
  | (QboItemCommonFields & { Type: 'Service'; IncomeAccountRef: QboRefInput; ExpenseAccountRef?: QboRefInput });

/** Definition fields a sparse update may change; quantities go through setQtyOnHand or an adjustment. */
export type QboItemPatch = Partial<QboItemCommonFields> & {
  ReorderPoint?: number;
  IncomeAccountRef?: QboRefInput;
  ExpenseAccountRef?: QboRefInput;
  AssetAccountRef?: QboRefInput;
};

export interface QboItemsApi {
  /** null when QBO answers 610 (unknown id, or a deleted category). */
  getItem(id: string): Promise<QboItem | null>;
  /** Active and inactive items among `ids`; unknown ids are simply absent. */
  getItemsByIds(ids: readonly string[]): Promise<QboItem[]>;
  findItemsBySku(sku: string): Promise<QboItem[]>;
  /**
   * Exact name (QBO compares case-insensitively), plus inactive items renamed "<name> (deleted)" or
   * "<name> (deleted-N)". Match results on Id, never on name.
   */
  findItemsByName(name: string): Promise<QboItem[]>;
  /** Active and inactive items named exactly one of `names` (compared case-insensitively, without renamed variants). */
  findItemsByNames(names: readonly string[]): Promise<QboItem[]>;
  createItem(input: QboItemCreate, opts: QboWriteOptions): Promise<QboItem>;
  updateItemSparse(update: QboItemPatch & { Id: string; SyncToken: string }, opts: QboWriteOptions): Promise<QboItem>;
}

/** Keeps `Id IN (…)` queries to URL-friendly sizes. */
const idsPerQuery = 100;

/** QBO is reported to rename inactive name-list records "<name> (deleted)" (or "(deleted-N)" on clashes). */
export const inactiveNameSuffix = ' (deleted)';
const inactiveNameSuffixPattern = / \(deleted(-\d+)?\)$/;

/** The name an item had before QBO marked it inactive; other names are returned unchanged. */
export function stripInactiveNameSuffix(name: string): string {
  return name.replace(inactiveNameSuffixPattern, '');
}

/** The body QBO creates an item from, alone or in a batch: an item in a category is a sub-item. */
export const itemCreateBody = (input: QboItemCreate) => (input.ParentRef ? { ...input, SubItem: true } : input);

export function createItemsApi(transport: QboTransport, queries: QboQueryApi): QboItemsApi {
  const itemEnvelope = singleEnvelope('Item');
  const write = (body: object, opts: QboWriteOptions) =>
    transport.send(
      { method: 'POST', path: 'item', json: body, requestId: checkRequestId(opts.requestId, maxRequestIdLength) },
      itemEnvelope,
    );
  const find = (condition: QboCondition) =>
    queries.query(selectQuery('Item', { where: [includeInactive, condition], maxResults: qboMaxPageSize }));
  const findAll = (field: string, values: readonly string[]) => find(where(field, 'IN', values));
  const findAllOf = async (field: string, values: readonly string[]) => {
    const unique = [...new Set(values)];
    const found: QboItem[] = [];
    for (let i = 0; i < unique.length; i += idsPerQuery) {
      found.push(...(await findAll(field, unique.slice(i, i + idsPerQuery))));
    }
    return found;
  };

  return {
    getItem(id) {
      return notFoundAsNull(transport.send({ method: 'GET', path: `item/${encodeURIComponent(id)}` }, itemEnvelope));
    },

    getItemsByIds(ids) {
      return findAllOf('Id', ids);
    },

    findItemsByNames(names) {
      return findAllOf('Name', names);
    },

    findItemsBySku(sku) {
      return findAll('Sku', [sku]);
    },

    async findItemsByName(name) {
      const [exact, renamed] = await Promise.all([
        findAll('Name', [name]),
        find(where('Name', 'LIKE', `${name} (deleted%`)),
      ]);
      const wanted = name.toLowerCase();
      const variants = renamed.filter(
        (item) =>
          item.Name !== stripInactiveNameSuffix(item.Name) &&
          stripInactiveNameSuffix(item.Name).toLowerCase() === wanted,
      );
      return [...exact, ...variants];
    },

    async createItem(input, opts) {
      return await write(itemCreateBody(input), opts);
    },

    async updateItemSparse(update, opts) {
      return await write({ ...update, ...(update.ParentRef ? { SubItem: true } : {}), sparse: true }, opts);
    },
  };
}
