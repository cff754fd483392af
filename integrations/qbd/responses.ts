import { z } from 'zod';
import { stockLinesOf, type StockLine } from '../../domain/transaction-lines.js';
import type { QbdAnswer } from './storage/queue.js';
import { QbxmlResponseError, qbxmlResponseMessages, readQbxmlAnswer } from './qbxml.js';
import type { QbdItemType, StockTxnType } from './requests.js';
import { isElement, type XmlElement } from './xml.js';

/** The statuses the sync acts on, by what they mean for it. */
const statusReasons = {
  1: 'no-match',
  500: 'not-all-found',
  3100: 'name-in-use',
  3120: 'not-found',
  3140: 'invalid-reference',
  3170: 'record-in-use',
  3175: 'record-in-use',
  3176: 'record-in-use',
  3180: 'record-in-use',
  3200: 'stale-edit-sequence',
  3250: 'feature-not-enabled',
  3391: 'iterator-expired',
} as const;
export type QbdStatusReason = (typeof statusReasons)[keyof typeof statusReasons] | 'other';

/** A request QuickBooks answered with a status other than success. */
export class QbdStatusError extends Error {
  override name = 'QbdStatusError';
  readonly reason: QbdStatusReason;
  constructor(
    readonly requestType: string,
    readonly code: number,
    readonly severity: string,
    statusMessage: string | null,
  ) {
    super(`${requestType} answered ${code} (${severity}): ${statusMessage ?? 'no message'}`);
    this.reason = code in statusReasons ? statusReasons[code as keyof typeof statusReasons] : 'other';
  }
  /**
   * Another user held the record, or saved it after it was read (a stale EditSequence, which the item change met again
   * after reading it once more): the work done again from its start, reading afresh, may succeed. Left out, a stale
   * EditSequence recorded in the work queue would be replayed to every retry of its step.
   */
  get transient(): boolean {
    return this.reason === 'record-in-use' || this.reason === 'stale-edit-sequence';
  }
}

/** The `…Rs` answering a request type, and its status; the response must answer exactly that request. */
function answerTo(response: string, requestType: string): { answer: QbdAnswer; element: XmlElement } {
  const name = requestType.replace(/Rq$/, 'Rs');
  const messages = qbxmlResponseMessages(response);
  const found = messages.find((message) => message.name === name);
  if (messages.length !== 1 || !found || !isElement(found.element))
    throw new QbxmlResponseError(`expected one ${name}, got ${messages.map((m) => m.name).join(', ')}`);
  return { answer: readQbxmlAnswer(name, found.element), element: found.element };
}

/**
 * A query's answer: its Ret elements named by `retName`, with success, "no match" (1) and "not all found" (500)
 * all meaning "these are the records"; any other status is thrown.
 */
function queryRets(
  response: string,
  requestType: string,
  retName: (name: string) => boolean,
): { rets: { name: string; ret: unknown }[]; answer: QbdAnswer } {
  const { answer, element } = answerTo(response, requestType);
  if (![0, 1, 500].includes(answer.statusCode)) throw statusError(requestType, answer);
  const rets = Object.entries(element)
    .filter(([name]) => retName(name))
    .flatMap(([name, value]) => [value].flat().map((ret: unknown) => ({ name, ret })));
  return { rets, answer };
}

/** A write's single Ret; any status but success is thrown. */
function writtenRet(response: string, requestType: string, retName: string): unknown {
  const { answer, element } = answerTo(response, requestType);
  if (answer.statusCode !== 0) throw statusError(requestType, answer);
  return element[retName];
}

const statusError = (requestType: string, answer: QbdAnswer) =>
  new QbdStatusError(requestType, answer.statusCode, answer.statusSeverity, answer.statusMessage);

function parseRet<T extends z.ZodType>(schema: T, ret: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(ret);
  if (!parsed.success) throw new QbxmlResponseError(`${what} is not as expected: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const decimal = z
  .string()
  .regex(/^-?\d*(\.\d+)?$/, 'a decimal')
  .transform(Number);
const ref = z.object({ ListID: z.string().min(1), FullName: z.string().optional() });

/** An element that may come back empty (`<SalesOrPurchase/>`), read as one without children. */
const group = <T extends z.ZodRawShape>(shape: T) => z.preprocess((v) => (v === '' ? {} : v), z.object(shape));

const itemRet = z.object({
  ListID: z.string().min(1),
  TimeModified: z.string().min(1),
  EditSequence: z.string().min(1),
  Name: z.string().min(1),
  FullName: z.string().min(1),
  IsActive: bool.optional(),
  ParentRef: ref.optional(),
  QuantityOnHand: decimal.optional(),
  SalesDesc: z.string().optional(),
  SalesPrice: decimal.optional(),
  PurchaseCost: decimal.optional(),
  // Non-inventory and service items: bought or sold (one description and price), or both (each side its own).
  SalesOrPurchase: group({ Desc: z.string().optional(), Price: decimal.optional() }).optional(),
  SalesAndPurchase: group({
    SalesDesc: z.string().optional(),
    SalesPrice: decimal.optional(),
    PurchaseCost: decimal.optional(),
  }).optional(),
});

/** An item of any type, as the sync reads it. */
export interface QbdItem {
  id: string;
  name: string;
  fullName: string;
  parentId: string | null;
  /** ItemInventory, ItemNonInventory, ItemService… */
  type: string;
  active: boolean;
  /** Inventory items only. */
  quantityOnHand: number | null;
  /** Read from SalesOrPurchase or SalesAndPurchase for non-inventory and service items. */
  salesDesc: string | null;
  salesPrice: number | null;
  purchaseCost: number | null;
  editSequence: string;
  timeModified: string;
}

const toItem = (retName: string, ret: z.output<typeof itemRet>): QbdItem => ({
  id: ret.ListID,
  name: ret.Name,
  fullName: ret.FullName,
  parentId: ret.ParentRef?.ListID ?? null,
  type: retName.replace(/Ret$/, ''),
  active: ret.IsActive ?? true,
  quantityOnHand: ret.QuantityOnHand ?? null,
  salesDesc: ret.SalesDesc ?? ret.SalesOrPurchase?.Desc ?? ret.SalesAndPurchase?.SalesDesc ?? null,
  salesPrice: ret.SalesPrice ?? ret.SalesOrPurchase?.Price ?? ret.SalesAndPurchase?.SalesPrice ?? null,
  purchaseCost: ret.PurchaseCost ?? ret.SalesAndPurchase?.PurchaseCost ?? null,
  editSequence: ret.EditSequence,
  timeModified: ret.TimeModified,
});

/** One page of an item query: its items and, when read with an iterator, what remains. */
/** One answer to a query: its records, and the iterator when the request started or continued one. */
export interface QueryPage<T> {
  records: T[];
  iterator: { id: string; remaining: number } | null;
}

const iteratorOf = (answer: QbdAnswer): QueryPage<unknown>['iterator'] =>
  answer.iteratorId === null ? null : { id: answer.iteratorId, remaining: answer.iteratorRemainingCount ?? 0 };

export function parseItemQueryResponse(response: string): QueryPage<QbdItem> {
  const { rets, answer } = queryRets(response, 'ItemQueryRq', (name) => /^Item\w+Ret$/.test(name));
  return {
    records: rets.map(({ name, ret }) => toItem(name, parseRet(itemRet, ret, `An ${name}`))),
    iterator: iteratorOf(answer),
  };
}

/** The item an Add or Mod of `type` wrote. */
export function parseItemWriteResponse(response: string, type: QbdItemType, write: 'Add' | 'Mod'): QbdItem {
  const retName = `${type}Ret`;
  const ret = writtenRet(response, `${type}${write}Rq`, retName);
  return toItem(retName, parseRet(itemRet, ret, `The written ${retName}`));
}

const txnRet = z.object({
  TxnID: z.string().min(1),
  TimeCreated: z.string().min(1).optional(),
  TimeModified: z.string().min(1),
  EditSequence: z.string().min(1).optional(),
  RefNumber: z.string().optional(),
  Memo: z.string().optional(),
  InventorySiteRef: ref.optional(),
});

/**
 * A transaction line as far as the sync reads it: the item it names (a line may name none, e.g. a subtotal), the
 * quantity it moves (Quantity on a sale, QuantityDifference on an adjustment) and its inventory site (a sale's line).
 */
const txnLine = z.object({
  ItemRef: ref.optional(),
  Quantity: decimal.optional(),
  QuantityDifference: decimal.optional(),
  InventorySiteRef: ref.optional(),
});

/** A transaction that may move stock: an inventory adjustment, an invoice or a sales receipt. */
export interface QbdStockTxn {
  txnId: string;
  refNumber: string | null;
  memo: string | null;
  /** Null when QuickBooks left it out of the answer (the schema requires it; older answers may lack it). */
  timeCreated: string | null;
  timeModified: string;
  /** Moves on with every change to the transaction; null when left out. */
  editSequence: string | null;
  /** The items its lines name, once each; empty when the lines were not asked for. */
  itemIds: string[];
  /** Its lines' quantities per item and site (an adjustment's site is its own); empty when not asked for. */
  lines: StockLine[];
}

const stockTxnShape = txnRet.extend({ lines: z.union([txnLine, z.array(txnLine)]).optional() });

/** The Ret of each transaction type the sync reads, its lines (`<type>LineRet`) read as `lines`. */
function stockTxnRet(type: StockTxnType) {
  return z
    .preprocess((ret) => (isElement(ret) ? { ...ret, lines: ret[`${type}LineRet`] } : ret), stockTxnShape)
    .transform((ret): QbdStockTxn => ({
      txnId: ret.TxnID,
      refNumber: ret.RefNumber ?? null,
      memo: ret.Memo ?? null,
      timeCreated: ret.TimeCreated ?? null,
      timeModified: ret.TimeModified,
      editSequence: ret.EditSequence ?? null,
      itemIds: [...new Set([ret.lines ?? []].flat().flatMap((line) => (line.ItemRef ? [line.ItemRef.ListID] : [])))],
      lines: stockLinesOf(
        [ret.lines ?? []].flat().flatMap((line) =>
          line.ItemRef
            ? [
                {
                  itemId: line.ItemRef.ListID,
                  siteId: (line.InventorySiteRef ?? ret.InventorySiteRef)?.ListID ?? null,
                  quantity: line.Quantity ?? line.QuantityDifference ?? null,
                },
              ]
            : [],
        ),
      ),
    }));
}

/** The records of a query whose Rets all have one name, each read by `schema`. */
function queryPage<T extends z.ZodType>(
  response: string,
  requestType: string,
  retName: string,
  schema: T,
): QueryPage<z.output<T>> {
  const { rets, answer } = queryRets(response, requestType, (name) => name === retName);
  return { records: rets.map(({ ret }) => parseRet(schema, ret, `A ${retName}`)), iterator: iteratorOf(answer) };
}

const queryRecords = <T extends z.ZodType>(response: string, requestType: string, retName: string, schema: T) =>
  queryPage(response, requestType, retName, schema).records;

/** The transactions of one type a query answered (`transactionsModifiedSince`, or adjustments by movement). */
export function parseStockTxnQueryResponse(response: string, type: StockTxnType): QueryPage<QbdStockTxn> {
  return queryPage(response, `${type}QueryRq`, `${type}Ret`, stockTxnRet(type));
}

export const parseAdjustmentQueryResponse = (response: string): QbdStockTxn[] =>
  parseStockTxnQueryResponse(response, 'InventoryAdjustment').records;

export function parseAdjustmentAddResponse(response: string): QbdStockTxn {
  const ret = writtenRet(response, 'InventoryAdjustmentAddRq', 'InventoryAdjustmentRet');
  return parseRet(stockTxnRet('InventoryAdjustment'), ret, 'The written InventoryAdjustmentRet');
}

const deletedRet = z
  .object({
    ListDelType: z.string().min(1),
    ListID: z.string().min(1),
    TimeDeleted: z.string().min(1),
    FullName: z.string(),
  })
  .transform((r) => ({
    type: r.ListDelType,
    id: r.ListID,
    fullName: r.FullName,
    timeDeleted: r.TimeDeleted,
  }));

export type QbdDeletedListRecord = z.output<typeof deletedRet>;

export function parseListDeletedResponse(response: string): QbdDeletedListRecord[] {
  return queryRecords(response, 'ListDeletedQueryRq', 'ListDeletedRet', deletedRet);
}

const deletedTxnRet = z
  .object({
    TxnDelType: z.string().min(1),
    TxnID: z.string().min(1),
    TimeDeleted: z.string().min(1),
    RefNumber: z.string().optional(),
  })
  .transform((r) => ({ type: r.TxnDelType, id: r.TxnID, timeDeleted: r.TimeDeleted, refNumber: r.RefNumber ?? null }));

export type QbdDeletedTxn = z.output<typeof deletedTxnRet>;

export function parseTxnDeletedResponse(response: string): QbdDeletedTxn[] {
  return queryRecords(response, 'TxnDeletedQueryRq', 'TxnDeletedRet', deletedTxnRet);
}

const siteRet = z
  .object({
    ListID: z.string().min(1),
    Name: z.string().min(1),
    IsActive: bool.optional(),
    IsDefaultSite: bool.optional(),
  })
  .transform((r) => ({
    id: r.ListID,
    name: r.Name,
    active: r.IsActive ?? true,
    isDefault: r.IsDefaultSite ?? false,
  }));

export type QbdInventorySite = z.output<typeof siteRet>;

export function parseInventorySiteResponse(response: string): QbdInventorySite[] {
  return queryRecords(response, 'InventorySiteQueryRq', 'InventorySiteRet', siteRet);
}

const accountRet = z
  .object({ FullName: z.string().min(1), AccountType: z.string().min(1).optional(), IsActive: bool.optional() })
  .transform((r) => ({ fullName: r.FullName, type: r.AccountType ?? null, active: r.IsActive ?? true }));

export type QbdAccount = z.output<typeof accountRet>;

/** The accounts an AccountQuery by full name found (those missing are left out), with their types. */
export function parseAccountsResponse(response: string): QbdAccount[] {
  return queryRecords(response, 'AccountQueryRq', 'AccountRet', accountRet);
}
