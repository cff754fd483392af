import type { EmulatorClock } from '../common/clock.js';
import type { z } from 'zod';
import type { accountTypeSchema, CompanyState } from './state.js';

export type ItemType = 'ItemInventory' | 'ItemNonInventory' | 'ItemService';
export type SalesTxnType = 'Invoice' | 'SalesReceipt';
export type TxnType = SalesTxnType | 'InventoryAdjustment';

/** A qbXML status other than 0: the request was refused or found nothing. */
export class QbdStatus extends Error {
  constructor(
    readonly code: number,
    readonly severity: 'Info' | 'Warn' | 'Error',
    message: string,
  ) {
    super(message);
  }
}

export const statusMessages = {
  noMatch: 'A query request did not find a matching object in QuickBooks',
  requiredElementMissing: (value: string) =>
    `The query request has not been fully completed. There was a required element ("${value}") that could not be found in QuickBooks.`,
  nameInUse: (name: string) => `The name "${name}" of the list element is already in use.`,
  objectNotFound: (id: string) => `Object "${id}" specified in the request cannot be found.`,
  invalidReference: (kind: string, value: string) =>
    `There is an invalid reference to QuickBooks ${kind} "${value}" in the request.`,
  editSequenceOutOfDate: (sequence: string) => `The provided edit sequence "${sequence}" is out-of-date.`,
  featureNotEnabled: 'This feature is not enabled or not available in this version of QuickBooks.',
};

/** Item names are limited per segment; the full name (parents joined by ':') has its own limit. */
export const itemNameMaxLength = 31;
export const itemFullNameMaxLength = 159;
/** Items may nest five levels below the top. */
const maxSublevel = 5;

export interface ListRecord {
  listId: string;
  timeCreated: Date;
  timeModified: Date;
  editSequence: string;
}

export interface Item extends ListRecord {
  type: ItemType;
  name: string;
  parentListId: string | undefined;
  isActive: boolean;
  salesDesc: string | undefined;
  salesPrice: number | undefined;
  purchaseCost: number | undefined;
  /** Non-inventory and service items: the account of their SalesOrPurchase (inventory items' are not kept). */
  accountListId?: string | undefined;
  /** Inventory items only: the company-wide on-hand quantity (the sum over sites when sites are on). */
  quantityOnHand: number;
  /** Per-site on-hand quantity, by site ListID; used only when the company has inventory sites. */
  siteQuantities: Map<string, number>;
}

export interface InventorySite extends ListRecord {
  name: string;
  isActive: boolean;
  isDefaultSite: boolean;
}

export interface NamedRecord {
  listId: string;
  fullName: string;
}

/** An account's type as qbXML names it (AccountRet's AccountType), for the kinds of account items post to. */
export type AccountType = z.infer<typeof accountTypeSchema>;

export interface Account extends NamedRecord {
  /** Absent on accounts of a state saved before the emulator kept types. */
  accountType?: AccountType;
}

/** A transaction line's TxnLineID: the TxnID's counter and the line's number. */
const lineIdOf = (txnId: string, index: number) => `${txnId.split('-')[0]}-${index + 1}`;

export interface TxnRecord {
  txnId: string;
  txnNumber: number;
  timeCreated: Date;
  timeModified: Date;
  editSequence: string;
  txnDate: Date;
  refNumber: string | undefined;
  memo: string | undefined;
}

export interface AdjustmentLine {
  txnLineId: string;
  itemListId: string;
  quantityDifference: number;
  /** Value moved at the item's cost (the emulator keeps no average cost, so the purchase cost stands in). */
  valueDifference: number;
}

export interface InventoryAdjustment extends TxnRecord {
  type: 'InventoryAdjustment';
  accountListId: string;
  siteListId: string | undefined;
  customerListId: string | undefined;
  lines: AdjustmentLine[];
}

/**
 * Stock moved between two inventory sites (TransferInventory: From/ToInventorySiteRef, lines of ItemRef and
 * QuantityToTransfer, qbXML 13.0): each site's quantity changes, the company's does not.
 */
export interface InventoryTransfer extends TxnRecord {
  type: 'TransferInventory';
  fromSiteListId: string;
  toSiteListId: string;
  lines: { txnLineId: string; itemListId: string; quantity: number }[];
}

export interface SalesLine {
  txnLineId: string;
  itemListId: string;
  quantity: number;
  rate: number;
  siteListId: string | undefined;
}

export interface SalesTxn extends TxnRecord {
  type: SalesTxnType;
  customerListId: string | undefined;
  lines: SalesLine[];
}

export interface DeletedListRecord {
  listDelType: ItemType | 'InventorySite';
  listId: string;
  fullName: string;
  timeCreated: Date;
  timeDeleted: Date;
}

export interface DeletedTxnRecord {
  txnDelType: TxnType;
  txnId: string;
  refNumber: string | undefined;
  timeCreated: Date;
  timeDeleted: Date;
}

export interface CompanyOptions {
  /** Path QuickBooks reports for the open file; sent as `strCompanyFileName`. */
  companyFilePath?: string;
  /** Enterprise Advanced Inventory: items carry per-site quantities and requests may name a site. */
  inventorySites?: boolean;
  /** Offset of the company's local time, used to write and read DATETIMETYPE values. */
  utcOffsetMinutes?: number;
  /**
   * Whether a transaction that moves an item's quantity also moves the item's TimeModified and EditSequence. Off by
   * default: no source shows QuickBooks doing so, so a sync cannot count on ItemQuery by modified date for quantities.
   */
  quantityChangeTouchesItem?: boolean;
}

export interface ItemInput {
  type: ItemType;
  name: string;
  parentListId?: string | undefined;
  isActive?: boolean | undefined;
  salesDesc?: string | undefined;
  salesPrice?: number | undefined;
  purchaseCost?: number | undefined;
  accountListId?: string | undefined;
  quantityOnHand?: number | undefined;
}

export interface ItemChange {
  name?: string | undefined;
  parentListId?: string | undefined;
  isActive?: boolean | undefined;
  salesDesc?: string | undefined;
  salesPrice?: number | undefined;
  purchaseCost?: number | undefined;
  accountListId?: string | undefined;
}

export interface AdjustmentInput {
  accountListId: string;
  siteListId?: string | undefined;
  customerListId?: string | undefined;
  txnDate?: Date | undefined;
  refNumber?: string | undefined;
  memo?: string | undefined;
  lines: { itemListId: string; quantityDifference: number }[];
}

export interface SaleInput {
  type: SalesTxnType;
  customerListId?: string | undefined;
  refNumber?: string | undefined;
  memo?: string | undefined;
  txnDate?: Date | undefined;
  lines: { itemListId: string; quantity: number; rate?: number | undefined; siteListId?: string | undefined }[];
}

const secondMs = 1000;

/**
 * The accounts every emulated company file starts with, by the names the sync defaults to, with the types QuickBooks
 * gives them (its "Inventory Adjustments" as a cost of goods sold account, the usual choice for shrinkage).
 */
const standardAccounts: readonly (readonly [string, AccountType])[] = [
  ['Inventory Asset', 'OtherCurrentAsset'],
  ['Cost of Goods Sold', 'CostOfGoodsSold'],
  ['Sales', 'Income'],
  ['Inventory Adjustments', 'CostOfGoodsSold'],
];

/**
 * One QuickBooks Desktop company file: items (inventory, non-inventory, service) in a name hierarchy, inventory
 * sites, accounts and customers, inventory adjustments, invoices and sales receipts, and the deleted-record lists.
 * Identifiers follow the shapes seen from real files: ListID and TxnID are a hexadecimal counter, a hyphen and the
 * creation time in Unix seconds; EditSequence is the Unix second of the last change, moved on by one when two
 * changes fall in the same second so that a stale sequence always differs.
 */
export class QbdCompany {
  readonly items = new Map<string, Item>();
  readonly sites = new Map<string, InventorySite>();
  /** Transfers between sites, by TxnID (kept in memory only: the state file keeps the quantities they moved). */
  readonly transfers = new Map<string, InventoryTransfer>();
  /** ItemSites records (Advanced Inventory): one per item and site that has held stock, keyed `item|site`. */
  readonly itemSites = new Map<string, ListRecord & { itemListId: string; siteListId: string }>();
  readonly accounts = new Map<string, Account>();
  readonly customers = new Map<string, NamedRecord>();
  readonly adjustments = new Map<string, InventoryAdjustment>();
  readonly salesTxns = new Map<string, SalesTxn>();
  readonly deletedLists: DeletedListRecord[] = [];
  readonly deletedTxns: DeletedTxnRecord[] = [];
  // Not readonly: a restored state file brings the company file's own settings.
  companyFilePath: string;
  inventorySites: boolean;
  utcOffsetMinutes: number;
  quantityChangeTouchesItem: boolean;
  private listCounter = 0x80000000;
  private txnCounter = 0x10000;
  private txnNumber = 0;
  private lastSequenceSecond = 0;
  private changes = 0;

  constructor(
    private readonly clock: EmulatorClock,
    options: CompanyOptions = {},
  ) {
    this.companyFilePath = options.companyFilePath ?? 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company.QBW';
    this.inventorySites = options.inventorySites ?? false;
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
    this.quantityChangeTouchesItem = options.quantityChangeTouchesItem ?? false;
    for (const [name, accountType] of standardAccounts) this.addAccount(name, accountType);
  }

  /** Moves on with every change to the company file, so a state file is written only when there is one. */
  get revision(): number {
    return this.changes;
  }

  /** Counts a change made from outside the company's own methods (the processor's kept message sets). */
  markChanged(): void {
    this.changes += 1;
  }

  /** Everything a restart must find again: records, identifiers' counters and the file's own settings. */
  snapshot(): CompanyState {
    return {
      options: {
        companyFilePath: this.companyFilePath,
        inventorySites: this.inventorySites,
        utcOffsetMinutes: this.utcOffsetMinutes,
        quantityChangeTouchesItem: this.quantityChangeTouchesItem,
      },
      counters: {
        list: this.listCounter,
        txn: this.txnCounter,
        txnNumber: this.txnNumber,
        lastSequenceSecond: this.lastSequenceSecond,
      },
      items: [...this.items.values()],
      sites: [...this.sites.values()],
      itemSites: this.itemSites,
      accounts: [...this.accounts.values()],
      customers: [...this.customers.values()],
      adjustments: [...this.adjustments.values()],
      salesTxns: [...this.salesTxns.values()],
      deletedLists: this.deletedLists,
      deletedTxns: this.deletedTxns,
    };
  }

  /** Replaces the whole company file with a saved one (read with `qbdStateSchema`). */
  restore(state: CompanyState): void {
    Object.assign(this, state.options);
    this.listCounter = state.counters.list;
    this.txnCounter = state.counters.txn;
    this.txnNumber = state.counters.txnNumber;
    this.lastSequenceSecond = state.counters.lastSequenceSecond;
    const refill = <T>(map: Map<string, T>, entries: Iterable<[string, T]>) => {
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    };
    // The parsed records differ from the company's types only in optional keys being left out.
    refill(
      this.items,
      state.items.map((item) => [item.listId, item as Item]),
    );
    refill(
      this.sites,
      state.sites.map((site) => [site.listId, site]),
    );
    refill(this.itemSites, state.itemSites);
    refill(
      this.accounts,
      state.accounts.map((account) => [account.listId, account]),
    );
    refill(
      this.customers,
      state.customers.map((customer) => [customer.listId, customer]),
    );
    refill(
      this.adjustments,
      state.adjustments.map((txn) => [txn.txnId, txn as InventoryAdjustment]),
    );
    refill(
      this.salesTxns,
      state.salesTxns.map((txn) => [txn.txnId, txn as SalesTxn]),
    );
    this.deletedLists.splice(0, this.deletedLists.length, ...(state.deletedLists as DeletedListRecord[]));
    this.deletedTxns.splice(0, this.deletedTxns.length, ...(state.deletedTxns as DeletedTxnRecord[]));
  }

  now(): Date {
    // QuickBooks keeps times to the second.
    return new Date(Math.floor(this.clock.now().getTime() / secondMs) * secondMs);
  }

  private nextListId(at: Date): string {
    this.listCounter += 1;
    return `${this.listCounter.toString(16).toUpperCase()}-${Math.floor(at.getTime() / secondMs)}`;
  }

  private nextTxnId(at: Date): string {
    this.txnCounter += 1;
    return `${this.txnCounter.toString(16).toUpperCase()}-${Math.floor(at.getTime() / secondMs)}`;
  }

  private nextEditSequence(at: Date): string {
    this.lastSequenceSecond = Math.max(Math.floor(at.getTime() / secondMs), this.lastSequenceSecond + 1);
    return String(this.lastSequenceSecond);
  }

  private newListRecord(): ListRecord {
    const at = this.now();
    return { listId: this.nextListId(at), timeCreated: at, timeModified: at, editSequence: this.nextEditSequence(at) };
  }

  private touch(record: { timeModified: Date; editSequence: string }): void {
    record.timeModified = this.now();
    record.editSequence = this.nextEditSequence(record.timeModified);
  }

  private addNamed<T extends NamedRecord>(list: Map<string, T>, record: Omit<T, 'listId'>): T {
    this.changes += 1;
    const added = { ...record, listId: this.nextListId(this.now()) } as T;
    list.set(added.listId, added);
    return added;
  }

  /** An account in the chart of accounts (names are unique, compared without regard to case). */
  addAccount(fullName: string, accountType: AccountType): Account {
    if (this.findNamed(this.accounts, { fullName }))
      throw new QbdStatus(3100, 'Error', statusMessages.nameInUse(fullName));
    return this.addNamed(this.accounts, { fullName, accountType });
  }

  /** The customer of that name, created on first use (sales in the emulator need no customer setup). */
  customerNamed(fullName: string): NamedRecord {
    return (
      [...this.customers.values()].find((c) => c.fullName === fullName) ?? this.addNamed(this.customers, { fullName })
    );
  }

  findNamed<T extends NamedRecord>(list: Map<string, T>, ref: { listId?: string; fullName?: string }): T | undefined {
    if (ref.listId !== undefined) return list.get(ref.listId);
    return [...list.values()].find((r) => r.fullName.toLowerCase() === ref.fullName?.toLowerCase());
  }

  fullName(item: Item): string {
    const parent = item.parentListId === undefined ? undefined : this.items.get(item.parentListId);
    return parent ? `${this.fullName(parent)}:${item.name}` : item.name;
  }

  sublevel(item: Item): number {
    const parent = item.parentListId === undefined ? undefined : this.items.get(item.parentListId);
    return parent ? this.sublevel(parent) + 1 : 0;
  }

  /** Item names are unique across item types and compared without regard to case. */
  itemByFullName(fullName: string): Item | undefined {
    const wanted = fullName.toLowerCase();
    return [...this.items.values()].find((item) => this.fullName(item).toLowerCase() === wanted);
  }

  private checkItemName(
    name: string,
    type: ItemType,
    parentListId: string | undefined,
    except: Item | undefined,
  ): void {
    // qbXML requests cannot carry a longer name (the schema limits it), so only a direct caller gets here.
    if (name.length === 0 || name.length > itemNameMaxLength)
      throw new RangeError(`An item name has 1 to ${itemNameMaxLength} characters, got "${name}"`);
    if (name.includes(':')) throw new QbdStatus(3020, 'Error', `The name "${name}" may not contain ':'.`);
    const parent = parentListId === undefined ? undefined : this.items.get(parentListId);
    // A sub-item is of its parent's type (QuickBooks lists only items of the type as parents).
    if (parentListId !== undefined && (!parent || parent.type !== type))
      throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('Item', parentListId));
    const fullName = parent ? `${this.fullName(parent)}:${name}` : name;
    if (fullName.length > itemFullNameMaxLength || (parent && this.sublevel(parent) + 1 > maxSublevel))
      throw new QbdStatus(3020, 'Error', `The full name "${fullName}" is too long or too deeply nested.`);
    const clash = this.itemByFullName(fullName);
    if (clash && clash !== except) throw new QbdStatus(3100, 'Error', statusMessages.nameInUse(fullName));
    for (let ancestor = parent; ancestor; ancestor = this.items.get(ancestor.parentListId ?? ''))
      if (ancestor === except) throw new QbdStatus(3020, 'Error', `An item cannot be placed below itself.`);
  }

  private checkSite(siteListId: string | undefined): InventorySite | undefined {
    if (siteListId === undefined) return undefined;
    if (!this.inventorySites) throw new QbdStatus(3250, 'Error', statusMessages.featureNotEnabled);
    const site = this.sites.get(siteListId);
    if (!site) throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('InventorySite', siteListId));
    return site;
  }

  addItem(input: ItemInput): Item {
    this.checkItemName(input.name, input.type, input.parentListId, undefined);
    this.changes += 1;
    const item: Item = {
      ...this.newListRecord(),
      type: input.type,
      name: input.name,
      parentListId: input.parentListId,
      isActive: input.isActive ?? true,
      salesDesc: input.salesDesc,
      salesPrice: input.salesPrice,
      purchaseCost: input.purchaseCost,
      ...(input.accountListId === undefined ? {} : { accountListId: input.accountListId }),
      quantityOnHand: input.type === 'ItemInventory' ? (input.quantityOnHand ?? 0) : 0,
      siteQuantities: new Map(),
    };
    const defaultSite = [...this.sites.values()].find((s) => s.isDefaultSite);
    this.items.set(item.listId, item);
    if (this.inventorySites && defaultSite && item.quantityOnHand !== 0)
      this.setSiteQuantity(item, defaultSite.listId, item.quantityOnHand);
    return item;
  }

  /** A change to an item; the caller's EditSequence must be the current one (3200 otherwise). */
  modifyItem(listId: string, editSequence: string, change: ItemChange): Item {
    const item = this.items.get(listId);
    if (!item) throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(listId));
    if (item.editSequence !== editSequence)
      throw new QbdStatus(3200, 'Error', statusMessages.editSequenceOutOfDate(editSequence));
    const parentListId = 'parentListId' in change ? change.parentListId : item.parentListId;
    this.checkItemName(change.name ?? item.name, item.type, parentListId, item);
    this.changes += 1;
    Object.assign(item, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)));
    item.parentListId = parentListId;
    this.touch(item);
    return item;
  }

  /** A user opens the item and saves it as it is: its TimeModified and EditSequence move on, nothing else changes. */
  saveItemUnchanged(listId: string): void {
    const item = this.items.get(listId);
    if (!item) return;
    this.changes += 1;
    this.touch(item);
  }

  /** Deleting a list element removes it and records it for ListDeletedQuery; an item with children stays. */
  deleteItem(listId: string): void {
    const item = this.items.get(listId);
    if (!item) throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(listId));
    if ([...this.items.values()].some((child) => child.parentListId === listId))
      throw new QbdStatus(3170, 'Error', `The item "${this.fullName(item)}" has sub-items and cannot be deleted.`);
    this.changes += 1;
    this.deletedLists.push({
      listDelType: item.type,
      listId,
      fullName: this.fullName(item),
      timeCreated: item.timeCreated,
      timeDeleted: this.now(),
    });
    this.items.delete(listId);
  }

  addSite(name: string, isDefaultSite = false): InventorySite {
    if (!this.inventorySites) throw new QbdStatus(3250, 'Error', statusMessages.featureNotEnabled);
    if ([...this.sites.values()].some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new QbdStatus(3100, 'Error', statusMessages.nameInUse(name));
    this.changes += 1;
    const site: InventorySite = { ...this.newListRecord(), name, isActive: true, isDefaultSite };
    this.sites.set(site.listId, site);
    return site;
  }

  private inventoryItem(listId: string): Item {
    const item = this.items.get(listId);
    if (!item || item.type !== 'ItemInventory')
      throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('Item', listId));
    return item;
  }

  /** Moves on-hand quantity; QuickBooks lets it go negative. */
  private moveQuantity(item: Item, difference: number, site: InventorySite | undefined): void {
    item.quantityOnHand = roundQuantity(item.quantityOnHand + difference);
    if (this.quantityChangeTouchesItem) this.touch(item);
    const siteListId = site?.listId ?? [...this.sites.values()].find((s) => s.isDefaultSite)?.listId;
    if (this.inventorySites && siteListId !== undefined)
      this.setSiteQuantity(item, siteListId, roundQuantity((item.siteQuantities.get(siteListId) ?? 0) + difference));
  }

  /** The quantity at one site; the ItemSites record appears with the first stock and changes with each move. */
  private setSiteQuantity(item: Item, siteListId: string, quantity: number): void {
    item.siteQuantities.set(siteListId, quantity);
    const key = `${item.listId}|${siteListId}`;
    const record = this.itemSites.get(key);
    if (record) this.touch(record);
    else this.itemSites.set(key, { ...this.newListRecord(), itemListId: item.listId, siteListId });
  }

  private newTxnRecord(input: {
    txnDate?: Date | undefined;
    refNumber?: string | undefined;
    memo?: string | undefined;
  }): TxnRecord {
    const at = this.now();
    this.txnNumber += 1;
    return {
      txnId: this.nextTxnId(at),
      txnNumber: this.txnNumber,
      timeCreated: at,
      timeModified: at,
      editSequence: this.nextEditSequence(at),
      txnDate: input.txnDate ?? at,
      refNumber: input.refNumber,
      memo: input.memo,
    };
  }

  addInventoryAdjustment(input: AdjustmentInput): InventoryAdjustment {
    if (!this.accounts.has(input.accountListId))
      throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('Account', input.accountListId));
    if (input.customerListId !== undefined && !this.customers.has(input.customerListId))
      throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('Customer', input.customerListId));
    const site = this.checkSite(input.siteListId);
    const items = input.lines.map((line) => this.inventoryItem(line.itemListId));
    this.changes += 1;
    const record = this.newTxnRecord(input);
    const adjustment: InventoryAdjustment = {
      ...record,
      type: 'InventoryAdjustment',
      accountListId: input.accountListId,
      siteListId: site?.listId,
      customerListId: input.customerListId,
      lines: input.lines.map((line, index) => ({
        txnLineId: lineIdOf(record.txnId, index),
        itemListId: line.itemListId,
        quantityDifference: line.quantityDifference,
        valueDifference: line.quantityDifference * (items[index]?.purchaseCost ?? 0),
      })),
    };
    input.lines.forEach((line, index) => {
      const item = items[index];
      if (item) this.moveQuantity(item, line.quantityDifference, site);
    });
    this.adjustments.set(adjustment.txnId, adjustment);
    return adjustment;
  }

  /** Moves stock from one site to another: the company-wide quantity of each item stays as it is. */
  addTransfer(input: {
    fromSiteListId: string;
    toSiteListId: string;
    refNumber?: string | undefined;
    memo?: string | undefined;
    lines: { itemListId: string; quantity: number }[];
  }): InventoryTransfer {
    const from = this.checkSite(input.fromSiteListId)!;
    const to = this.checkSite(input.toSiteListId)!;
    const items = input.lines.map((line) => this.inventoryItem(line.itemListId));
    this.changes += 1;
    const record = this.newTxnRecord(input);
    const transfer: InventoryTransfer = {
      ...record,
      type: 'TransferInventory',
      fromSiteListId: from.listId,
      toSiteListId: to.listId,
      lines: input.lines.map((line, index) => ({
        txnLineId: lineIdOf(record.txnId, index),
        itemListId: line.itemListId,
        quantity: line.quantity,
      })),
    };
    input.lines.forEach((line, index) => {
      const item = items[index]!;
      for (const [site, difference] of [
        [from, -line.quantity],
        [to, line.quantity],
      ] as const)
        this.setSiteQuantity(
          item,
          site.listId,
          roundQuantity((item.siteQuantities.get(site.listId) ?? 0) + difference),
        );
      if (this.quantityChangeTouchesItem) this.touch(item);
    });
    this.transfers.set(transfer.txnId, transfer);
    return transfer;
  }

  /** An invoice or sales receipt; each inventory line lowers on-hand by its quantity. */
  addSale(input: SaleInput): SalesTxn {
    const lines = this.saleLines(input.lines);
    this.changes += 1;
    const record = this.newTxnRecord(input);
    const sale: SalesTxn = {
      ...record,
      type: input.type,
      customerListId: input.customerListId,
      lines: this.savedSaleLines(record.txnId, lines),
    };
    for (const { item, site, line } of lines)
      if (item.type === 'ItemInventory') this.moveQuantity(item, -line.quantity, site);
    this.salesTxns.set(sale.txnId, sale);
    return sale;
  }

  /** A sale's lines checked against the company file before anything moves. */
  private saleLines(lines: SaleInput['lines']) {
    return lines.map((line) => {
      const item = this.items.get(line.itemListId);
      if (!item) throw new QbdStatus(3140, 'Error', statusMessages.invalidReference('Item', line.itemListId));
      return { item, site: this.checkSite(line.siteListId), line };
    });
  }

  private savedSaleLines(txnId: string, lines: ReturnType<QbdCompany['saleLines']>): SalesLine[] {
    return lines.map(({ item, site, line }, index) => ({
      txnLineId: lineIdOf(txnId, index),
      itemListId: item.listId,
      quantity: line.quantity,
      rate: line.rate ?? item.salesPrice ?? 0,
      siteListId: site?.listId,
    }));
  }

  /**
   * A sale edited after it was saved (its lines replaced, as QuickBooks' form saves them all): each inventory line's
   * quantity comes back, the new lines' goes out, so on-hand moves by the difference; the sale keeps its TxnID and
   * TimeCreated, and its TimeModified and EditSequence move on (so a modified-date query finds it again).
   */
  editSale(txnId: string, lines: SaleInput['lines']): SalesTxn {
    const sale = this.salesTxns.get(txnId);
    if (!sale) throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(txnId));
    const replacement = this.saleLines(lines);
    this.changes += 1;
    for (const line of sale.lines) {
      const item = this.items.get(line.itemListId);
      if (item?.type === 'ItemInventory') this.moveQuantity(item, line.quantity, this.sites.get(line.siteListId ?? ''));
    }
    sale.lines = this.savedSaleLines(sale.txnId, replacement);
    for (const { item, site, line } of replacement)
      if (item.type === 'ItemInventory') this.moveQuantity(item, -line.quantity, site);
    this.touch(sale);
    return sale;
  }

  /** Deleting a transaction undoes its quantity effect and records it for TxnDeletedQuery. */
  deleteTxn(txnId: string): void {
    const adjustment = this.adjustments.get(txnId);
    const sale = this.salesTxns.get(txnId);
    const record = adjustment ?? sale;
    if (!record) throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(txnId));
    this.changes += 1;
    for (const line of adjustment?.lines ?? [])
      this.moveQuantity(
        this.inventoryItem(line.itemListId),
        -line.quantityDifference,
        this.sites.get(adjustment?.siteListId ?? ''),
      );
    for (const line of sale?.lines ?? []) {
      const item = this.items.get(line.itemListId);
      if (item?.type === 'ItemInventory') this.moveQuantity(item, line.quantity, this.sites.get(line.siteListId ?? ''));
    }
    this.adjustments.delete(txnId);
    this.salesTxns.delete(txnId);
    this.deletedTxns.push({
      txnDelType: adjustment ? 'InventoryAdjustment' : (sale?.type ?? 'Invoice'),
      txnId,
      refNumber: record.refNumber,
      timeCreated: record.timeCreated,
      timeDeleted: this.now(),
    });
  }
}

/** Quantities carry at most five decimals in qbXML (QUANTYPE). */
export function roundQuantity(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
