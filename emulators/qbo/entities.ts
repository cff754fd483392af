// The entities the emulator serves and how each behaves. One table so routes, query, CDC, batch and webhooks agree.

export type WebhookOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';

export type EntityKind = 'item' | 'nameList' | 'company' | 'transaction';

/** Line detail carrying an item reference and quantity, per transaction family. */
export type ItemLineDetail = 'SalesItemLineDetail' | 'ItemBasedExpenseLineDetail' | 'ItemAdjustmentLineDetail';

export interface TransactionDef {
  itemLineDetail: ItemLineDetail;
  /** +1 adds the line quantity to QtyOnHand, -1 removes it, 0 has no effect. */
  inventorySign: -1 | 0 | 1;
  requiredFields: string[];
  /** Sales forms get an auto-assigned DocNumber and a server-generated SubTotalLineDetail line. */
  salesForm: boolean;
  autoDocNumber: boolean;
  /** Whether Balance is reported, and whether it starts at TotalAmt (open) or 0 (paid on the spot). */
  balance: 'open' | 'zero' | 'none';
  /** How a void is requested: `operation=void` (Invoice) or `operation=update&include=void` (SalesReceipt). */
  void?: 'operation' | 'include';
}

export interface EntityDef {
  name: string;
  kind: EntityKind;
  /** Counter the Id comes from: QBO numbers transactions in one sequence. */
  idSpace: string;
  /** Documented webhook entity list (InventoryAdjustment and CompanyInfo are not on it). */
  webhooks: boolean;
  /** Name-list entities hide inactive records from queries by default. */
  hasActive: boolean;
  /** Only these properties may appear in WHERE; undefined = any. */
  filterable?: string[];
  transaction?: TransactionDef;
}

const sales = (t: Partial<TransactionDef> & Pick<TransactionDef, 'inventorySign'>): TransactionDef => ({
  itemLineDetail: 'SalesItemLineDetail',
  requiredFields: [],
  salesForm: true,
  autoDocNumber: true,
  balance: 'open',
  ...t,
});

const purchase = (t: Partial<TransactionDef> & Pick<TransactionDef, 'inventorySign'>): TransactionDef => ({
  itemLineDetail: 'ItemBasedExpenseLineDetail',
  requiredFields: ['VendorRef'],
  salesForm: false,
  autoDocNumber: false,
  balance: 'none',
  ...t,
});

const defs: EntityDef[] = [
  {
    name: 'Item',
    kind: 'item',
    idSpace: 'Item',
    webhooks: true,
    hasActive: true,
    filterable: [
      'Id',
      'Name',
      'Sku',
      'Type',
      'Active',
      'FullyQualifiedName',
      'MetaData.CreateTime',
      'MetaData.LastUpdatedTime',
    ],
  },
  { name: 'Account', kind: 'nameList', idSpace: 'Account', webhooks: true, hasActive: true },
  { name: 'Customer', kind: 'nameList', idSpace: 'Name', webhooks: true, hasActive: true },
  { name: 'Vendor', kind: 'nameList', idSpace: 'Name', webhooks: true, hasActive: true },
  { name: 'CompanyInfo', kind: 'company', idSpace: 'CompanyInfo', webhooks: false, hasActive: false },
  { name: 'Preferences', kind: 'company', idSpace: 'Preferences', webhooks: true, hasActive: false },
  {
    name: 'Invoice',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: sales({ inventorySign: -1, requiredFields: ['CustomerRef'], void: 'operation' }),
  },
  {
    name: 'SalesReceipt',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: sales({ inventorySign: -1, balance: 'zero', void: 'include' }),
  },
  {
    name: 'CreditMemo',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: sales({ inventorySign: 1, requiredFields: ['CustomerRef'] }),
  },
  {
    name: 'RefundReceipt',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: sales({ inventorySign: 1, balance: 'zero' }),
  },
  {
    name: 'Estimate',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: sales({ inventorySign: 0, requiredFields: ['CustomerRef'], balance: 'none' }),
  },
  {
    name: 'Bill',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: purchase({ inventorySign: 1, balance: 'open' }),
  },
  {
    name: 'Purchase',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: purchase({ inventorySign: 1, requiredFields: ['AccountRef', 'PaymentType'] }),
  },
  {
    name: 'VendorCredit',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: purchase({ inventorySign: -1, balance: 'open' }),
  },
  {
    name: 'PurchaseOrder',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: true,
    hasActive: false,
    transaction: purchase({ inventorySign: 0 }),
  },
  {
    name: 'InventoryAdjustment',
    kind: 'transaction',
    idSpace: 'Txn',
    webhooks: false,
    hasActive: false,
    transaction: {
      itemLineDetail: 'ItemAdjustmentLineDetail',
      inventorySign: 1,
      requiredFields: ['AdjustAccountRef'],
      salesForm: false,
      autoDocNumber: true,
      balance: 'none',
    },
  },
];

const byLowerName = new Map(defs.map((d) => [d.name.toLowerCase(), d]));

/** Looks an entity up by name or URL segment, case-insensitively. */
export function entityDef(name: string): EntityDef | undefined {
  return byLowerName.get(name.toLowerCase());
}

export function allEntityDefs(): readonly EntityDef[] {
  return defs;
}
