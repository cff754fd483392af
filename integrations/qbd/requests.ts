import { escapeXml } from './xml.js';

/**
 * Builders of the qbXML 13.0 requests the sync sends to QuickBooks Desktop. Each answers the request element's name
 * and content, which `queueQbdRequest` queues and `qbxmlRequestDocument` wraps. QuickBooks refuses a request whose
 * children are out of the schema's sequence as a whole, so every builder writes them in that order.
 */
export interface QbxmlRequest {
  requestType: string;
  body: string;
  /** Read with an iterator (Start, then Continue until nothing remains). */
  iterate?: boolean;
}

/** A list record (item, account, site) by ListID or by FullName. */
export type QbdListRef = { listId: string } | { fullName: string };

export type QbdActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';

/** Name (one segment) and FullName limits of item lists in QuickBooks Desktop. */
export const qbdNameLimits = { segment: 31, fullName: 159 } as const;

/** RefNumber holds at most 11 characters in qbXML 13.0. */
export const refNumberMaxLength = 11;

export class QbdNameError extends Error {
  override name = 'QbdNameError';
}

type Child = string | number | boolean | undefined;

const text = (name: string, value: Child): string =>
  value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
const element = (name: string, ...children: string[]): string => `<${name}>${children.join('')}</${name}>`;
const listRef = (name: string, ref: QbdListRef | undefined): string =>
  ref === undefined ? '' : element(name, 'listId' in ref ? text('ListID', ref.listId) : text('FullName', ref.fullName));

/** DATETIMETYPE in UTC to the second: QuickBooks keeps no fractions. */
export function qbxmlDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}

/** QUANTYPE: at most 10 integer digits and 5 decimals. */
function qbxmlQuantity(value: number): string {
  const rounded = Number(value.toFixed(5));
  if (!Number.isFinite(rounded) || Math.abs(rounded) >= 1e10)
    throw new RangeError(`${value} does not fit a qbXML quantity`);
  return String(rounded);
}

/** Refuses a name QuickBooks would refuse, before anything is sent: a segment is at most 31 characters, no colon. */
export function checkItemName(name: string): void {
  if (name.trim().length === 0) throw new QbdNameError('an item name may not be empty');
  if (name.includes(':'))
    throw new QbdNameError(`the item name "${name}" contains ":", which separates levels of a FullName`);
  if (name.length > qbdNameLimits.segment)
    throw new QbdNameError(
      `the item name "${name}" has ${name.length} characters; QuickBooks Desktop allows ${qbdNameLimits.segment}`,
    );
}

function checkParentRef(ref: QbdListRef | undefined): void {
  if (ref === undefined || 'listId' in ref) return;
  if (ref.fullName.length > qbdNameLimits.fullName)
    throw new QbdNameError(`the parent "${ref.fullName}" is longer than ${qbdNameLimits.fullName} characters`);
  ref.fullName.split(':').forEach(checkItemName);
}

export interface ItemFilter {
  /** Page size of each iterator step. */
  maxReturned?: number;
  activeStatus?: QbdActiveStatus;
  /** Items modified at or after this instant (a change cursor). */
  modifiedSince?: Date;
}

/** Every item of every type matching the filter, read page by page with an iterator. */
export function itemQuery(filter: ItemFilter = {}): QbxmlRequest {
  return {
    requestType: 'ItemQueryRq',
    body: [
      text('MaxReturned', filter.maxReturned),
      text('ActiveStatus', filter.activeStatus),
      text('FromModifiedDate', filter.modifiedSince && qbxmlDateTime(filter.modifiedSince)),
    ].join(''),
    iterate: true,
  };
}

function itemsByReference(element: 'ListID' | 'FullName', values: readonly string[]): QbxmlRequest {
  if (values.length === 0) throw new RangeError(`an item query by ${element} needs at least one`);
  return { requestType: 'ItemQueryRq', body: values.map((value) => text(element, value)).join('') };
}

/** The items with these ListIDs, in the order asked. */
export const itemsByListId = (listIds: readonly string[]) => itemsByReference('ListID', listIds);

/** The items with these full names (parents' names and its own, joined by ":"), in the order asked. */
export const itemsByFullName = (fullNames: readonly string[]) => itemsByReference('FullName', fullNames);

/** The item types the sync reads and writes: an item's kind in QuickBooks Desktop. */
export type QbdItemType = 'ItemInventory' | 'ItemNonInventory' | 'ItemService';

/** The definition fields an item of any synced type carries. */
export interface ItemFields {
  name: string;
  parent?: QbdListRef;
  isActive?: boolean;
  salesDesc?: string;
  salesPrice?: number;
  /** Inventory items only: non-inventory and service items sold through SalesOrPurchase keep no cost. */
  purchaseCost?: number;
}

/** The fields ItemInventoryAdd and ItemInventoryMod share, in the order both sequences list them. */
function inventoryFields(fields: Partial<ItemFields>, accounts?: ItemInventoryAccounts): string {
  return [
    namePart(fields),
    text('SalesDesc', fields.salesDesc),
    text('SalesPrice', fields.salesPrice?.toFixed(2)),
    listRef('IncomeAccountRef', accounts?.income),
    text('PurchaseCost', fields.purchaseCost?.toFixed(2)),
    listRef('COGSAccountRef', accounts?.costOfGoodsSold),
    listRef('AssetAccountRef', accounts?.asset),
  ].join('');
}

/** Name, IsActive and ParentRef: how every synced item type's Add and Mod open (the name checked first). */
function namePart(fields: Partial<ItemFields>): string {
  if (fields.name !== undefined) checkItemName(fields.name);
  checkParentRef(fields.parent);
  return [text('Name', fields.name), text('IsActive', fields.isActive), listRef('ParentRef', fields.parent)].join('');
}

/** The accounts an inventory item posts to; QuickBooks requires all three on Add. */
export interface ItemInventoryAccounts {
  income: QbdListRef;
  costOfGoodsSold: QbdListRef;
  asset: QbdListRef;
}

/** A new inventory item; its starting quantity can only be set here (later changes are adjustments). */
export function itemInventoryAdd(
  fields: ItemFields & { accounts: ItemInventoryAccounts; quantityOnHand?: number },
): QbxmlRequest {
  return {
    requestType: 'ItemInventoryAddRq',
    body: element(
      'ItemInventoryAdd',
      inventoryFields(fields, fields.accounts),
      text('QuantityOnHand', fields.quantityOnHand === undefined ? undefined : qbxmlQuantity(fields.quantityOnHand)),
    ),
  };
}

/** An untracked item: bought or sold (SalesOrPurchase), its description, price and the account its sales post to. */
export type UntrackedItemType = Exclude<QbdItemType, 'ItemInventory'>;

/** SalesOrPurchase (on Add) or SalesOrPurchaseMod: Desc, Price, AccountRef; left out when nothing in it changes. */
function salesOrPurchase(name: string, fields: Partial<ItemFields>, account?: QbdListRef): string {
  const children = [
    text('Desc', fields.salesDesc),
    text('Price', fields.salesPrice?.toFixed(2)),
    listRef('AccountRef', account),
  ].join('');
  return children === '' ? '' : element(name, children);
}

/** A new non-inventory or service item, sold through SalesOrPurchase and posting to `account`. */
export function untrackedItemAdd(type: UntrackedItemType, fields: ItemFields, account: QbdListRef): QbxmlRequest {
  return {
    requestType: `${type}AddRq`,
    body: element(`${type}Add`, namePart(fields), salesOrPurchase('SalesOrPurchase', fields, account)),
  };
}

/**
 * Changes an item's definition; `editSequence` must be the one last read, or QuickBooks answers 3200. Non-inventory
 * and service items change their SalesOrPurchase (their cost is not kept).
 */
export function itemMod(
  type: QbdItemType,
  listId: string,
  editSequence: string,
  changes: Partial<ItemFields>,
): QbxmlRequest {
  const core = text('ListID', listId) + text('EditSequence', editSequence);
  return {
    requestType: `${type}ModRq`,
    body: element(
      `${type}Mod`,
      core,
      type === 'ItemInventory'
        ? inventoryFields(changes)
        : namePart(changes) + salesOrPurchase('SalesOrPurchaseMod', changes),
    ),
  };
}

/** The accounts with these full names (QuickBooks answers 500 and those it has when some are missing). */
export function accountsByFullName(fullNames: readonly string[]): QbxmlRequest {
  if (fullNames.length === 0) throw new RangeError('an account query by FullName needs at least one');
  return { requestType: 'AccountQueryRq', body: fullNames.map((name) => text('FullName', name)).join('') };
}

/**
 * The RefNumber a movement's adjustment carries: the movement id when it fits, else its first 11 characters. The
 * whole id goes in the Memo, which tells a shortened RefNumber's adjustment apart from another's.
 */
export function movementRefNumber(movementId: string): string {
  return movementId.slice(0, refNumberMaxLength);
}

export interface AdjustmentInput {
  movementId: string;
  item: QbdListRef;
  quantityDifference: number;
  /** The account the adjustment posts to. */
  account: QbdListRef;
  /** Why the stock moved; the movement id is appended. */
  reason?: string;
  site?: QbdListRef;
}

/** The Memo of a movement's adjustment: the reason, then the movement id by which the sync finds it again. */
export function movementMemo(movementId: string, reason: string | undefined): string {
  return reason === undefined || reason === '' ? movementId : `${reason} (${movementId})`;
}

/** A relative stock change of one item, keyed by the movement id. */
export function inventoryAdjustmentAdd(input: AdjustmentInput): QbxmlRequest {
  if (input.quantityDifference === 0) throw new RangeError('a movement changes the quantity, got 0');
  return {
    requestType: 'InventoryAdjustmentAddRq',
    body: element(
      'InventoryAdjustmentAdd',
      listRef('AccountRef', input.account),
      text('RefNumber', movementRefNumber(input.movementId)),
      listRef('InventorySiteRef', input.site),
      text('Memo', movementMemo(input.movementId, input.reason)),
      element(
        'InventoryAdjustmentLineAdd',
        listRef('ItemRef', input.item),
        element('QuantityAdjustment', text('QuantityDifference', qbxmlQuantity(input.quantityDifference))),
      ),
    ),
  };
}

/** The adjustments carrying a movement's RefNumber: how a movement is found again, QuickBooks having no request id. */
export function inventoryAdjustmentsByMovement(movementId: string): QbxmlRequest {
  return {
    requestType: 'InventoryAdjustmentQueryRq',
    body: text('RefNumberCaseSensitive', movementRefNumber(movementId)),
  };
}

/** The movement id a movement's adjustment carries at the end of its Memo (see `movementMemo`); null for any other memo. */
export function movementIdOfMemo(memo: string | null): string | null {
  if (memo === null) return null;
  return /\(([^()\s]+)\)$/.exec(memo)?.[1] ?? (/^\S+$/.test(memo) ? memo : null);
}

/** The transactions that change quantity on hand, as the sync reads them for what moved stock. */
export type StockTxnType = 'InventoryAdjustment' | 'Invoice' | 'SalesReceipt';
export const stockTxnTypes: readonly StockTxnType[] = ['InventoryAdjustment', 'Invoice', 'SalesReceipt'];

/**
 * The transactions of a type modified at or after `since`, with their lines (which name the items they move), read
 * page by page with an iterator, `maxReturned` to a page.
 */
export function transactionsModifiedSince(type: StockTxnType, since: Date, maxReturned: number): QbxmlRequest {
  return {
    requestType: `${type}QueryRq`,
    body: [
      text('MaxReturned', maxReturned),
      element('ModifiedDateRangeFilter', text('FromModifiedDate', qbxmlDateTime(since))),
      text('IncludeLineItems', true),
    ].join(''),
    iterate: true,
  };
}

/** Transactions of these types deleted at or after `since` (no iterator: QuickBooks answers them all at once). */
export const txnDeletedQuery = (types: readonly StockTxnType[], since: Date): QbxmlRequest =>
  deletedQuery('TxnDelType', types, since);

export type ListDelType = 'ItemInventory' | 'ItemNonInventory' | 'ItemService' | 'InventorySite';

/** List records of these types deleted at or after `since` (no iterator: QuickBooks answers them all at once). */
export const listDeletedQuery = (types: readonly ListDelType[], since?: Date): QbxmlRequest =>
  deletedQuery('ListDelType', types, since);

/** ListDeletedQuery or TxnDeletedQuery: the record types wanted, then when they were deleted. */
function deletedQuery(typeElement: 'ListDelType' | 'TxnDelType', types: readonly string[], since?: Date): QbxmlRequest {
  if (types.length === 0) throw new RangeError(`a deleted query needs at least one ${typeElement}`);
  return {
    requestType: typeElement === 'ListDelType' ? 'ListDeletedQueryRq' : 'TxnDeletedQueryRq',
    body: [
      ...types.map((type) => text(typeElement, type)),
      since === undefined ? '' : element('DeletedDateRangeFilter', text('FromDeletedDate', qbxmlDateTime(since))),
    ].join(''),
  };
}

/**
 * The inventory sites (Advanced Inventory's multi-location inventory), answered all at once (no iterator); QuickBooks
 * is expected to answer 3250 "feature not enabled" where the feature is off.
 */
export function inventorySiteQuery(activeStatus?: QbdActiveStatus): QbxmlRequest {
  return { requestType: 'InventorySiteQueryRq', body: text('ActiveStatus', activeStatus) };
}
