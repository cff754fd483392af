import { randomUUID } from 'node:crypto';
import { qbxmlRequestDocument } from './qbxml.js';
import {
  accountsByFullName,
  inventoryAdjustmentAdd,
  inventoryAdjustmentsByMovement,
  inventorySiteQuery,
  itemInventoryAdd,
  itemMod,
  itemQuery,
  itemsByFullName,
  itemsByListId,
  listDeletedQuery,
  stockTxnTypes,
  transactionsModifiedSince,
  txnDeletedQuery,
  untrackedItemAdd,
  type AdjustmentInput,
  type ItemFields,
  type ItemFilter,
  type ItemInventoryAccounts,
  type QbdItemType,
  type QbdListRef,
  type QbxmlRequest,
  type StockTxnType,
} from './requests.js';
import {
  parseAccountsResponse,
  type QbdAccount,
  parseAdjustmentAddResponse,
  parseAdjustmentQueryResponse,
  parseItemWriteResponse,
  parseInventorySiteResponse,
  parseItemQueryResponse,
  parseListDeletedResponse,
  parseStockTxnQueryResponse,
  parseTxnDeletedResponse,
  QbdStatusError,
  type QbdDeletedListRecord,
  type QbdDeletedTxn,
  type QbdInventorySite,
  type QbdItem,
  type QbdStockTxn,
  type QueryPage,
} from './responses.js';

/**
 * Sends one qbXML request document to QuickBooks and answers its response document. The Web Connector's work queue
 * implements it; tests pass the emulator's request processor. An operation that sends several requests at once names
 * each (`label`, unique within the operation), so the queue keys them by name rather than by the order they were sent
 * in, which would depend on which answer came first.
 */
export type QbxmlSend = (requestXml: string, label?: string) => Promise<string>;

type Iteration = { iterator: 'Start' } | { iterator: 'Continue'; iteratorId: string };

function exchange(send: QbxmlSend, request: QbxmlRequest, iteration?: Iteration, label?: string): Promise<string> {
  return send(
    qbxmlRequestDocument({
      requestId: randomUUID(),
      requestType: request.requestType,
      body: request.body,
      iterator: iteration?.iterator ?? null,
      iteratorId: iteration?.iterator === 'Continue' ? iteration.iteratorId : null,
    }),
    label,
  );
}

/**
 * Every record a query answers, following its iterator page by page until QuickBooks says nothing remains; with a
 * label, its pages are labelled after it and their place.
 */
async function readAllPages<T>(
  send: QbxmlSend,
  request: QbxmlRequest,
  parse: (response: string) => QueryPage<T>,
  label?: string,
): Promise<T[]> {
  const records: T[] = [];
  const pageLabel = (place: number) => (label === undefined ? undefined : `${label}/page-${place}`);
  let page = parse(await exchange(send, request, { iterator: 'Start' }, pageLabel(0)));
  records.push(...page.records);
  for (let place = 1; page.iterator !== null && page.iterator.remaining > 0; place++) {
    page = parse(
      await exchange(send, request, { iterator: 'Continue', iteratorId: page.iterator.id }, pageLabel(place)),
    );
    records.push(...page.records);
  }
  return records;
}

/**
 * Every record a query answers when few match: first asked without an iterator, at most `firstLook` records, an
 * answer small enough to share a message with others (qbxml.ts, `answersWide`); only a full answer (there may be
 * more) reads the query again page by page with its iterator. `request` asks for `MaxReturned` records a page.
 */
async function readFewOrAllPages<T>(
  send: QbxmlSend,
  request: (maxReturned: number) => QbxmlRequest,
  pageSize: number,
  parse: (response: string) => QueryPage<T>,
  label: string,
): Promise<T[]> {
  const firstLook = Math.min(changeReadFirstLook, pageSize);
  const few = parse(await exchange(send, request(firstLook), undefined, label));
  if (few.records.length < firstLook) return few.records;
  return readAllPages(send, request(pageSize), parse, `${label}/all`);
}

/**
 * Sends every request of `reads` at once, so the Web Connector carries them in one message, and answers once all are
 * answered; the first failure is thrown only then, so no read is left waiting when the operation is done again.
 */
async function allAtOnce<T extends readonly unknown[] | []>(
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  for (const outcome of await Promise.allSettled(reads)) if (outcome.status === 'rejected') throw outcome.reason;
  return Promise.all(reads);
}

/** Every item matching the filter, read page by page. */
export const readAllItems = (send: QbxmlSend, filter: ItemFilter = {}): Promise<QbdItem[]> =>
  readAllPages(send, itemQuery(filter), parseItemQueryResponse);

/** The item with this ListID, or null when QuickBooks no longer has it. */
export async function readItem(send: QbxmlSend, listId: string): Promise<QbdItem | null> {
  return parseItemQueryResponse(await exchange(send, itemsByListId([listId]))).records[0] ?? null;
}

/** The item with this full name (compared without regard to case), or null when QuickBooks has none. */
export async function readItemByFullName(send: QbxmlSend, fullName: string): Promise<QbdItem | null> {
  return parseItemQueryResponse(await exchange(send, itemsByFullName([fullName]))).records[0] ?? null;
}

/**
 * Applies a relative movement at most once. QuickBooks Desktop keeps no request ids, so the movement is first looked
 * up by the RefNumber and Memo it is written with; an adjustment found there is the movement, written by an
 * earlier attempt whose answer was lost.
 */
export async function applyMovementOnce(
  send: QbxmlSend,
  movement: AdjustmentInput,
): Promise<{ txnId: string; alreadyApplied: boolean }> {
  const landed = parseAdjustmentQueryResponse(
    await exchange(send, inventoryAdjustmentsByMovement(movement.movementId)),
  );
  const mine = landed.find((adjustment) => adjustment.memo?.includes(movement.movementId) ?? false);
  if (mine) return { txnId: mine.txnId, alreadyApplied: true };
  const added = parseAdjustmentAddResponse(await exchange(send, inventoryAdjustmentAdd(movement)));
  return { txnId: added.txnId, alreadyApplied: false };
}

/**
 * Changes an item's definition. When someone changed the item since `editSequence` was read (3200), the item is read
 * again and the change sent once more with the fresh EditSequence; a second conflict is thrown.
 */
export async function updateItemDefinition(
  send: QbxmlSend,
  item: { id: string; type: QbdItemType; editSequence: string },
  changes: Partial<ItemFields>,
): Promise<QbdItem> {
  const modify = async (editSequence: string) =>
    parseItemWriteResponse(await exchange(send, itemMod(item.type, item.id, editSequence, changes)), item.type, 'Mod');
  try {
    return await modify(item.editSequence);
  } catch (error) {
    if (!(error instanceof QbdStatusError) || error.reason !== 'stale-edit-sequence') throw error;
    const fresh = await readItem(send, item.id);
    if (fresh === null) throw error;
    return await modify(fresh.editSequence);
  }
}

/** A new item of a synced type: inventory with its accounts and starting quantity, the others with their account. */
export type NewQbdItem = ItemFields &
  (
    | { type: 'ItemInventory'; accounts: ItemInventoryAccounts; quantityOnHand?: number }
    | { type: 'ItemNonInventory' | 'ItemService'; account: QbdListRef }
  );

/**
 * Creates an item (an inventory item with the quantity it starts with). QuickBooks Desktop keeps no request ids, so a
 * create whose answer was lost and is sent again meets its own item: names are unique across items (3100), and the
 * holder is taken as the item created when `itemHoldingName` finds it; else the refusal stays.
 */
export async function createItem(send: QbxmlSend, item: NewQbdItem): Promise<QbdItem> {
  const request =
    item.type === 'ItemInventory' ? itemInventoryAdd(item) : untrackedItemAdd(item.type, item, item.account);
  try {
    return parseItemWriteResponse(await exchange(send, request), item.type, 'Add');
  } catch (error) {
    if (!(error instanceof QbdStatusError) || error.reason !== 'name-in-use') throw error;
    const holder = await itemHoldingName(send, item);
    if (holder === null) throw error;
    return holder;
  }
}

/**
 * The item of the new item's type that already holds its full name (its parent's full name, read when the item
 * names its parent by ListID, and its own), or null. QuickBooks Desktop keeps no request ids, so this is how an
 * earlier attempt's item is found: by that attempt, or by someone meanwhile under the very name, which is the item
 * linking by name would pick. An item of another type is not it.
 */
export async function itemHoldingName(send: QbxmlSend, item: NewQbdItem): Promise<QbdItem | null> {
  const parent = item.parent;
  const parentName =
    parent === undefined
      ? null
      : 'fullName' in parent
        ? parent.fullName
        : (await readItem(send, parent.listId))?.fullName;
  if (parentName === undefined) return null;
  const holder = await readItemByFullName(send, parentName === null ? item.name : `${parentName}:${item.name}`);
  return holder?.type === item.type ? holder : null;
}

/** The accounts of these full names the company file has, with their types. */
export const readAccountsByFullName = async (send: QbxmlSend, fullNames: readonly string[]): Promise<QbdAccount[]> =>
  parseAccountsResponse(await exchange(send, accountsByFullName(fullNames)));

/** The account full names among `fullNames` that the company file does not have (compared without regard to case). */
export async function missingAccountNames(send: QbxmlSend, fullNames: readonly string[]): Promise<string[]> {
  const found = new Set((await readAccountsByFullName(send, fullNames)).map((account) => lower(account.fullName)));
  return fullNames.filter((name) => !found.has(lower(name)));
}

const lower = (text: string) => text.toLowerCase();

/**
 * The company file's active inventory sites, or null when it has no multi-location inventory: QuickBooks answers
 * 3250 ("feature not enabled") there, as far as public sources say; a file with the feature on and no site answers
 * "no match" (an empty list), which means no sites as well.
 */
export async function readInventorySites(send: QbxmlSend): Promise<QbdInventorySite[] | null> {
  try {
    return parseInventorySiteResponse(await exchange(send, inventorySiteQuery('ActiveOnly')));
  } catch (error) {
    if (error instanceof QbdStatusError && error.reason === 'feature-not-enabled') return null;
    throw error;
  }
}

/** Everything changed at or after a cursor that may have moved stock. */
export interface QbdChanges {
  items: QbdItem[];
  transactions: (QbdStockTxn & { type: StockTxnType })[];
  deletedItems: QbdDeletedListRecord[];
  deletedTxns: QbdDeletedTxn[];
}

/** Page sizes of the change reads: a long absence with many sales stays within the endpoint's response limit. */
export const changeReadPageSizes = { items: 1000, transactions: 500 };

export type ChangeReadPageSizes = typeof changeReadPageSizes;

/**
 * How many records each change read first asks for, without an iterator: a poll every interval usually finds a few
 * changes, and this many items or transactions with their lines (a few kilobytes each) keep the answers of a round's
 * six reads together well inside the endpoint's body limit. A full answer is read again page by page.
 */
export const changeReadFirstLook = 50;

/**
 * What changed in QuickBooks at or after `since` (to the second, inclusive): items modified, the adjustments, invoices
 * and sales receipts modified with the items their lines name, and deleted inventory items and transactions. The six
 * reads are sent at once, so one Web Connector exchange carries them all; a read whose first look comes back full is
 * read again page by page (docs/adr/0018-qbd-change-reads-together.md).
 */
export async function readChangesSince(
  send: QbxmlSend,
  since: Date,
  pageSizes: ChangeReadPageSizes = changeReadPageSizes,
): Promise<QbdChanges> {
  const [items, transactions, deletedItems, deletedTxns] = await allAtOnce([
    readFewOrAllPages(
      send,
      (maxReturned) => itemQuery({ maxReturned, activeStatus: 'All', modifiedSince: since }),
      pageSizes.items,
      parseItemQueryResponse,
      'items',
    ),
    allAtOnce(
      stockTxnTypes.map(async (type) => {
        const read = await readFewOrAllPages(
          send,
          (maxReturned) => transactionsModifiedSince(type, since, maxReturned),
          pageSizes.transactions,
          (response) => parseStockTxnQueryResponse(response, type),
          type,
        );
        return read.map((txn) => ({ ...txn, type }));
      }),
    ).then((byType) => byType.flat()),
    exchange(send, listDeletedQuery(['ItemInventory'], since), undefined, 'deleted-items').then(
      parseListDeletedResponse,
    ),
    exchange(send, txnDeletedQuery(stockTxnTypes, since), undefined, 'deleted-transactions').then(
      parseTxnDeletedResponse,
    ),
  ]);
  return { items, transactions, deletedItems, deletedTxns };
}
