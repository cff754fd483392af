import { z } from 'zod';
import { QbxmlParseError, type XmlNode } from './qbxml.js';

/**
 * Child elements each modelled element may hold, in the order the qbXML 13.0 schema's sequences demand (its groups
 * are named beside the entries; sources in emulators/README.md, QuickBooks Desktop). QuickBooks rejects a request
 * out of order as a whole (HRESULT 0x80040400), so the same happens here. Elements valid in qbXML but not modelled
 * by the emulator are refused the same way, with a message that says so.
 */
const listRef = ['ListID', 'FullName'];
// ListQueryWithOwnerID + ListFilter
const itemQuery = [
  'ListID',
  'FullName',
  'MaxReturned',
  'ActiveStatus',
  'FromModifiedDate',
  'ToModifiedDate',
  'NameFilter',
  'IncludeRetElement',
  'OwnerID',
];
// TxnQuery + TxnFilter (InvoiceQuery adds PaidStatus and IncludeLinkedTxns; InventoryAdjustmentQuery adds ItemFilter)
const txnQuery = [
  'TxnID',
  'RefNumber',
  'RefNumberCaseSensitive',
  'MaxReturned',
  'ModifiedDateRangeFilter',
  'TxnDateRangeFilter',
  'IncludeLineItems',
  'IncludeRetElement',
  'OwnerID',
];
// The ItemInventoryAdd and ItemInventoryMod fields the emulator models, in the order both sequences share.
const itemInventoryFields = [
  'Name',
  'IsActive',
  'ParentRef',
  'SalesDesc',
  'SalesPrice',
  'IncomeAccountRef',
  'PurchaseCost',
  'COGSAccountRef',
  'AssetAccountRef',
];
// The ItemNonInventory/ItemService Add and Mod fields the emulator models: their sequences differ only in where
// ClassRef sits (not modelled), and the SalesOrPurchase choice (SalesAndPurchase is not modelled).
const untrackedItemFields = ['Name', 'IsActive', 'ParentRef'];
const salesLineFields = ['ItemRef', 'Quantity', 'Rate', 'InventorySiteRef'];
const elementOrder: Record<string, string[]> = {
  ItemQueryRq: itemQuery,
  ItemInventoryQueryRq: itemQuery,
  ItemNonInventoryQueryRq: itemQuery,
  ItemServiceQueryRq: itemQuery,
  NameFilter: ['MatchCriterion', 'Name'],
  ItemInventoryAddRq: ['ItemInventoryAdd', 'IncludeRetElement'],
  // QuantityOnHand only on Add: later changes go through InventoryAdjustmentAdd.
  ItemInventoryAdd: [...itemInventoryFields, 'QuantityOnHand'],
  ItemInventoryModRq: ['ItemInventoryMod', 'IncludeRetElement'],
  ItemInventoryMod: ['ListID', 'EditSequence', ...itemInventoryFields],
  ItemNonInventoryAddRq: ['ItemNonInventoryAdd', 'IncludeRetElement'],
  ItemNonInventoryAdd: [...untrackedItemFields, 'SalesOrPurchase'],
  ItemServiceAddRq: ['ItemServiceAdd', 'IncludeRetElement'],
  ItemServiceAdd: [...untrackedItemFields, 'SalesOrPurchase'],
  ItemNonInventoryModRq: ['ItemNonInventoryMod', 'IncludeRetElement'],
  ItemNonInventoryMod: ['ListID', 'EditSequence', ...untrackedItemFields, 'SalesOrPurchaseMod'],
  ItemServiceModRq: ['ItemServiceMod', 'IncludeRetElement'],
  ItemServiceMod: ['ListID', 'EditSequence', ...untrackedItemFields, 'SalesOrPurchaseMod'],
  // SalesOrPurchase / SalesOrPurchaseMod (PricePercent and ApplyAccountRefToExistingTxns are not modelled)
  SalesOrPurchase: ['Desc', 'Price', 'AccountRef'],
  SalesOrPurchaseMod: ['Desc', 'Price', 'AccountRef'],
  // AccountListQuery (its AccountListFilter is not modelled)
  AccountQueryRq: ['ListID', 'FullName', 'IncludeRetElement', 'OwnerID'],
  ParentRef: listRef,
  IncomeAccountRef: listRef,
  COGSAccountRef: listRef,
  AssetAccountRef: listRef,
  AccountRef: listRef,
  ItemRef: listRef,
  CustomerRef: listRef,
  InventorySiteRef: listRef,
  // InventorySiteQuery + InventorySiteFilter
  InventorySiteQueryRq: [
    'ListID',
    'FullName',
    'ActiveStatus',
    'FromModifiedDate',
    'ToModifiedDate',
    'IncludeRetElement',
  ],
  // ItemSitesQuery + ItemSitesFilter (ItemTypeFilter is not modelled)
  ItemSitesQueryRq: ['ListID', 'ItemSiteFilter', 'MaxReturned', 'ActiveStatus', 'IncludeRetElement'],
  ItemSiteFilter: ['ItemFilter', 'SiteFilter'],
  ItemFilter: ['ListID', 'FullName'],
  SiteFilter: ['ListID', 'FullName'],
  InventoryAdjustmentAddRq: ['InventoryAdjustmentAdd', 'IncludeRetElement'],
  InventoryAdjustmentAdd: [
    'AccountRef',
    'TxnDate',
    'RefNumber',
    'InventorySiteRef',
    'CustomerRef',
    'Memo',
    'InventoryAdjustmentLineAdd',
  ],
  InventoryAdjustmentLineAdd: ['ItemRef', 'QuantityAdjustment'],
  QuantityAdjustment: ['NewQuantity', 'QuantityDifference'],
  // InvoiceAdd / SalesReceiptAdd, and their lines' TxnLineCorePriceLevelAdd group.
  InvoiceAddRq: ['InvoiceAdd', 'IncludeRetElement'],
  InvoiceAdd: ['CustomerRef', 'TxnDate', 'RefNumber', 'Memo', 'InvoiceLineAdd'],
  InvoiceLineAdd: salesLineFields,
  SalesReceiptAddRq: ['SalesReceiptAdd', 'IncludeRetElement'],
  SalesReceiptAdd: ['CustomerRef', 'TxnDate', 'RefNumber', 'Memo', 'SalesReceiptLineAdd'],
  SalesReceiptLineAdd: salesLineFields,
  InventoryAdjustmentQueryRq: txnQuery,
  InvoiceQueryRq: txnQuery,
  SalesReceiptQueryRq: txnQuery,
  ModifiedDateRangeFilter: ['FromModifiedDate', 'ToModifiedDate'],
  TxnDateRangeFilter: ['FromTxnDate', 'ToTxnDate'],
  ListDeletedQueryRq: ['ListDelType', 'DeletedDateRangeFilter', 'IncludeRetElement'],
  TxnDeletedQueryRq: ['TxnDelType', 'DeletedDateRangeFilter', 'IncludeRetElement'],
  DeletedDateRangeFilter: ['FromDeletedDate', 'ToDeletedDate'],
};

/** Elements that may repeat; they become arrays. */
const repeatable = new Set([
  'ListID',
  'FullName',
  'TxnID',
  'RefNumber',
  'RefNumberCaseSensitive',
  'IncludeRetElement',
  'OwnerID',
  'ListDelType',
  'TxnDelType',
  'InventoryAdjustmentLineAdd',
  'InvoiceLineAdd',
  'SalesReceiptLineAdd',
]);

/** Under a reference, a Mod or an Add, ListID/FullName/RefNumber are single values, not a query's lists. */
const singleValueParents = new Set([
  ...Object.keys(elementOrder).filter((name) => name.endsWith('Ref')),
  'ItemInventoryMod',
  'ItemNonInventoryMod',
  'ItemServiceMod',
  'InventoryAdjustmentAdd',
  'InvoiceAdd',
  'SalesReceiptAdd',
]);
const singleValueNames = new Set(['ListID', 'FullName', 'RefNumber']);

type Plain = string | { [key: string]: Plain | Plain[] };

/** Checks order and known elements, then turns the element into plain values for the zod schemas. */
function toPlain(node: XmlNode, path: string): Plain {
  const order = elementOrder[node.name];
  if (!order) {
    if (node.children.length > 0)
      throw new QbxmlParseError(`${path}: the emulator does not model the children of ${node.name}`);
    return node.text;
  }
  const plain: Record<string, Plain | Plain[]> = {};
  let lastIndex = -1;
  for (const child of node.children) {
    const index = order.indexOf(child.name);
    const childPath = `${path}/${child.name}`;
    if (index < 0) throw new QbxmlParseError(`${childPath}: not an element the emulator accepts in ${node.name}`);
    if (index < lastIndex)
      throw new QbxmlParseError(`${childPath}: out of order (qbXML 13.0 sequence of ${node.name})`);
    const value = toPlain(child, childPath);
    const many = repeatable.has(child.name) && !(singleValueParents.has(node.name) && singleValueNames.has(child.name));
    if (index === lastIndex && !many) throw new QbxmlParseError(`${childPath}: may appear only once`);
    lastIndex = index;
    if (many) {
      const list = (plain[child.name] ?? []) as Plain[];
      list.push(value);
      plain[child.name] = list;
    } else plain[child.name] = value;
  }
  return plain;
}

const text = (maxLength: number) => z.string().max(maxLength);
// DATETIMETYPE: date, optional time to the second, optional offset.
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}([+-]\d{2}:\d{2})?)?)?)?$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// QUANTYPE / PRICETYPE: up to 10 integer digits and 5 decimals; AMTTYPE is not used in modelled requests.
const quantity = z
  .string()
  .regex(/^-?\d{0,10}(\.\d{0,5})?$/)
  .transform(Number);
const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const maxReturned = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1));
const ref = z.strictObject({ ListID: text(36).optional(), FullName: text(159).optional() });
const includeRetElement = z.array(text(50)).optional();
const itemQueryBody = z.strictObject({
  ListID: z.array(text(36)).optional(),
  FullName: z.array(text(159)).optional(),
  MaxReturned: maxReturned.optional(),
  ActiveStatus: z.enum(['ActiveOnly', 'InactiveOnly', 'All']).optional(),
  FromModifiedDate: dateTime.optional(),
  ToModifiedDate: dateTime.optional(),
  NameFilter: z
    .strictObject({ MatchCriterion: z.enum(['StartsWith', 'Contains', 'EndsWith']), Name: text(159) })
    .optional(),
  IncludeRetElement: includeRetElement,
  OwnerID: z.array(z.string()).optional(),
});
const modifiedRange = z.strictObject({ FromModifiedDate: dateTime.optional(), ToModifiedDate: dateTime.optional() });
const txnQueryBody = z.strictObject({
  TxnID: z.array(text(36)).optional(),
  RefNumber: z.array(text(11)).optional(),
  RefNumberCaseSensitive: z.array(text(11)).optional(),
  MaxReturned: maxReturned.optional(),
  ModifiedDateRangeFilter: modifiedRange.optional(),
  TxnDateRangeFilter: z.strictObject({ FromTxnDate: date.optional(), ToTxnDate: date.optional() }).optional(),
  IncludeLineItems: boolean.optional(),
  IncludeRetElement: includeRetElement,
  OwnerID: z.array(z.string()).optional(),
});
const deletedRange = z.strictObject({ FromDeletedDate: dateTime.optional(), ToDeletedDate: dateTime.optional() });
const itemFields = {
  Name: text(31),
  IsActive: boolean.optional(),
  ParentRef: ref.optional(),
  SalesDesc: text(4095).optional(),
  SalesPrice: quantity.optional(),
  IncomeAccountRef: ref.optional(),
  PurchaseCost: quantity.optional(),
  COGSAccountRef: ref.optional(),
  AssetAccountRef: ref.optional(),
};

const salesOrPurchase = z.strictObject({
  Desc: text(4095).optional(),
  Price: quantity.optional(),
  AccountRef: ref.optional(),
});
const untrackedItemAdd = z.strictObject({
  Name: text(31),
  IsActive: boolean.optional(),
  ParentRef: ref.optional(),
  // The schema's choice of SalesOrPurchase or SalesAndPurchase is required on Add.
  SalesOrPurchase: salesOrPurchase,
});
const untrackedItemMod = z.strictObject({
  ListID: text(36),
  EditSequence: text(16),
  Name: text(31).optional(),
  IsActive: boolean.optional(),
  ParentRef: ref.optional(),
  SalesOrPurchaseMod: salesOrPurchase.optional(),
});

const activeStatus = z.enum(['ActiveOnly', 'InactiveOnly', 'All']);
// ItemFilter / SiteFilter: a choice of ListIDs or FullNames.
const listLookup = z
  .strictObject({ ListID: z.array(text(36)).optional(), FullName: z.array(text(159)).optional() })
  .refine((filter) => (filter.ListID === undefined) !== (filter.FullName === undefined), 'ListID or FullName');

const salesFields = {
  CustomerRef: ref.optional(),
  TxnDate: date.optional(),
  RefNumber: text(11).optional(),
  Memo: text(4095).optional(),
};
const salesLine = z.strictObject({
  ItemRef: ref,
  Quantity: quantity.optional(),
  Rate: quantity.optional(),
  InventorySiteRef: ref.optional(),
});

export const requestBodySchemas = {
  ItemQueryRq: itemQueryBody,
  ItemInventoryQueryRq: itemQueryBody,
  ItemNonInventoryQueryRq: itemQueryBody,
  ItemServiceQueryRq: itemQueryBody,
  ItemInventoryAddRq: z.strictObject({
    ItemInventoryAdd: z.strictObject({ ...itemFields, QuantityOnHand: quantity.optional() }),
    IncludeRetElement: includeRetElement,
  }),
  ItemInventoryModRq: z.strictObject({
    ItemInventoryMod: z.strictObject({
      ...itemFields,
      ListID: text(36),
      EditSequence: text(16),
      Name: text(31).optional(),
    }),
    IncludeRetElement: includeRetElement,
  }),
  ItemNonInventoryAddRq: z.strictObject({
    ItemNonInventoryAdd: untrackedItemAdd,
    IncludeRetElement: includeRetElement,
  }),
  ItemServiceAddRq: z.strictObject({ ItemServiceAdd: untrackedItemAdd, IncludeRetElement: includeRetElement }),
  ItemNonInventoryModRq: z.strictObject({
    ItemNonInventoryMod: untrackedItemMod,
    IncludeRetElement: includeRetElement,
  }),
  ItemServiceModRq: z.strictObject({ ItemServiceMod: untrackedItemMod, IncludeRetElement: includeRetElement }),
  AccountQueryRq: z.strictObject({
    ListID: z.array(text(36)).optional(),
    FullName: z.array(text(159)).optional(),
    IncludeRetElement: includeRetElement,
    OwnerID: z.array(z.string()).optional(),
  }),
  InventorySiteQueryRq: z.strictObject({
    ListID: z.array(text(36)).optional(),
    FullName: z.array(text(31)).optional(),
    ActiveStatus: z.enum(['ActiveOnly', 'InactiveOnly', 'All']).optional(),
    FromModifiedDate: dateTime.optional(),
    ToModifiedDate: dateTime.optional(),
    IncludeRetElement: includeRetElement,
  }),
  ItemSitesQueryRq: z.strictObject({
    ListID: z.array(text(36)).optional(),
    ItemSiteFilter: z.strictObject({ ItemFilter: listLookup.optional(), SiteFilter: listLookup.optional() }).optional(),
    MaxReturned: maxReturned.optional(),
    ActiveStatus: activeStatus.optional(),
    IncludeRetElement: includeRetElement,
  }),
  InventoryAdjustmentAddRq: z.strictObject({
    InventoryAdjustmentAdd: z.strictObject({
      AccountRef: ref,
      TxnDate: date.optional(),
      RefNumber: text(11).optional(),
      InventorySiteRef: ref.optional(),
      CustomerRef: ref.optional(),
      Memo: text(4095).optional(),
      InventoryAdjustmentLineAdd: z
        .array(
          z.strictObject({
            ItemRef: ref,
            QuantityAdjustment: z.union([
              z.strictObject({ NewQuantity: quantity }),
              z.strictObject({ QuantityDifference: quantity }),
            ]),
          }),
        )
        .min(1),
    }),
    IncludeRetElement: includeRetElement,
  }),
  InvoiceAddRq: z.strictObject({
    InvoiceAdd: z.strictObject({ ...salesFields, CustomerRef: ref, InvoiceLineAdd: z.array(salesLine).min(1) }),
    IncludeRetElement: includeRetElement,
  }),
  SalesReceiptAddRq: z.strictObject({
    SalesReceiptAdd: z.strictObject({ ...salesFields, SalesReceiptLineAdd: z.array(salesLine).min(1) }),
    IncludeRetElement: includeRetElement,
  }),
  InventoryAdjustmentQueryRq: txnQueryBody,
  InvoiceQueryRq: txnQueryBody,
  SalesReceiptQueryRq: txnQueryBody,
  ListDeletedQueryRq: z.strictObject({
    ListDelType: z.array(z.enum(['ItemInventory', 'ItemNonInventory', 'ItemService', 'InventorySite'])).min(1),
    DeletedDateRangeFilter: deletedRange.optional(),
    IncludeRetElement: includeRetElement,
  }),
  TxnDeletedQueryRq: z.strictObject({
    TxnDelType: z.array(z.enum(['Invoice', 'SalesReceipt', 'InventoryAdjustment'])).min(1),
    DeletedDateRangeFilter: deletedRange.optional(),
    IncludeRetElement: includeRetElement,
  }),
};

export type RequestName = keyof typeof requestBodySchemas;
export type RequestBody<Name extends RequestName> = z.output<(typeof requestBodySchemas)[Name]>;
export type ItemQueryBody = z.output<typeof itemQueryBody>;
export type TxnQueryBody = z.output<typeof txnQueryBody>;
export type ListRef = z.output<typeof ref>;

// The query groups open with a choice: look records up by identifier, or filter them.
const lookupElements = new Set(['ListID', 'FullName', 'TxnID', 'RefNumber', 'RefNumberCaseSensitive']);
const filterElements = new Set([
  'MaxReturned',
  'ActiveStatus',
  'FromModifiedDate',
  'ToModifiedDate',
  'NameFilter',
  'ModifiedDateRangeFilter',
  'TxnDateRangeFilter',
  'ItemSiteFilter',
]);

/** Requests that take the `iterator` attribute in qbXML 13.0; the deleted-record and site queries do not. */
export const iterableRequests = new Set<string>([
  'ItemQueryRq',
  'ItemInventoryQueryRq',
  'ItemNonInventoryQueryRq',
  'ItemServiceQueryRq',
  'InventoryAdjustmentQueryRq',
  'InvoiceQueryRq',
  'SalesReceiptQueryRq',
  'ItemSitesQueryRq',
]);

export function isRequestName(name: string): name is RequestName {
  return name in requestBodySchemas;
}

const iteratorAttributes = z.strictObject({
  requestID: text(50).optional(),
  iterator: z.enum(['Start', 'Continue', 'Stop']).optional(),
  iteratorID: z
    .string()
    .regex(/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/)
    .optional(),
});
export type RequestAttributes = z.output<typeof iteratorAttributes>;

/** Validates one request element (order, known elements, values) into its typed body and attributes. */
export function parseRequest<Name extends RequestName>(
  node: XmlNode & { name: Name },
): { body: RequestBody<Name>; attributes: RequestAttributes } {
  const path = `QBXML/QBXMLMsgsRq/${node.name}`;
  const attributesSchema = iterableRequests.has(node.name)
    ? iteratorAttributes
    : iteratorAttributes.pick({ requestID: true });
  const attributes = attributesSchema.safeParse(node.attributes);
  if (!attributes.success) throw new QbxmlParseError(`${path}: invalid attributes ${JSON.stringify(node.attributes)}`);
  const body = requestBodySchemas[node.name].safeParse(toPlain(node, path));
  if (!body.success) throw new QbxmlParseError(`${path}: ${z.prettifyError(body.error)}`);
  const lookups = Object.keys(body.data).filter((key) => lookupElements.has(key));
  const filters = Object.keys(body.data).filter(
    // ItemSitesQuery keeps MaxReturned and ActiveStatus outside its lookup-or-filter choice.
    (key) => filterElements.has(key) && !(node.name === 'ItemSitesQueryRq' && key !== 'ItemSiteFilter'),
  );
  if (lookups.length > 1 || (lookups.length > 0 && filters.length > 0))
    throw new QbxmlParseError(`${path}: ${[...lookups, ...filters].join(', ')} are alternatives (xsd:choice)`);
  if (filters.includes('ModifiedDateRangeFilter') && filters.includes('TxnDateRangeFilter'))
    throw new QbxmlParseError(`${path}: ModifiedDateRangeFilter and TxnDateRangeFilter are alternatives (xsd:choice)`);
  return { body: body.data as RequestBody<Name>, attributes: attributes.data };
}
