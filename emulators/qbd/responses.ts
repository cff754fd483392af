import type {
  DeletedListRecord,
  DeletedTxnRecord,
  InventoryAdjustment,
  InventorySite,
  Item,
  ListRecord,
  Account,
  NamedRecord,
  QbdCompany,
  SalesTxn,
} from './company.js';
import { element, optionalText, type XmlNode } from './qbxml.js';

/** Writes DATETIMETYPE values the way QuickBooks does: local time of the company, to the second, with its offset. */
export function formatDateTime(at: Date, utcOffsetMinutes: number): string {
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(utcOffsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(utcOffsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * Reads DATETIMETYPE: a value without offset is the company's local time; a date alone is the start of that day
 * for a "from" bound and its last second for a "to" bound.
 */
export function parseDateTime(value: string, utcOffsetMinutes: number, bound: 'from' | 'to'): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:([+-]\d{2}):(\d{2}))?)?)?)?$/.exec(value);
  const [, y, mo, d, h, mi, s, offsetHours, offsetMinutes] = match ?? [];
  const dateOnly = h === undefined;
  const offset =
    offsetHours === undefined
      ? utcOffsetMinutes
      : Number(offsetHours) * 60 + Math.sign(Number(offsetHours) || 1) * Number(offsetMinutes ?? 0);
  const localMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const endOfDay = dateOnly && bound === 'to' ? 86_399_000 : 0;
  return new Date(localMs - offset * 60_000 + endOfDay);
}

const formatDate = (at: Date, utcOffsetMinutes: number) => formatDateTime(at, utcOffsetMinutes).slice(0, 10);
const formatQuantity = (value: number) => String(value);
const formatAmount = (value: number) => value.toFixed(2);

function refElement(name: string, record: NamedRecord | undefined): XmlNode | undefined {
  return record ? element(name, [element('ListID', record.listId), element('FullName', record.fullName)]) : undefined;
}

export class RetWriter {
  constructor(private readonly company: QbdCompany) {}

  private time(at: Date): string {
    return formatDateTime(at, this.company.utcOffsetMinutes);
  }

  private listCore(record: { listId: string; timeCreated: Date; timeModified: Date; editSequence: string }): XmlNode[] {
    return [
      element('ListID', record.listId),
      element('TimeCreated', this.time(record.timeCreated)),
      element('TimeModified', this.time(record.timeModified)),
      element('EditSequence', record.editSequence),
    ];
  }

  itemRef(listId: string): XmlNode | undefined {
    const item = this.company.items.get(listId);
    return refElement('ItemRef', item ? { listId, fullName: this.company.fullName(item) } : undefined);
  }

  siteRef(listId: string | undefined): XmlNode | undefined {
    const site = listId === undefined ? undefined : this.company.sites.get(listId);
    return refElement('InventorySiteRef', site ? { listId: site.listId, fullName: site.name } : undefined);
  }

  /** ItemInventoryRet, ItemNonInventoryRet or ItemServiceRet, in the qbXML 13.0 schema's element order. */
  item(item: Item): XmlNode {
    const parent = item.parentListId === undefined ? undefined : this.company.items.get(item.parentListId);
    const head = [
      ...this.listCore(item),
      element('Name', item.name),
      element('FullName', this.company.fullName(item)),
      element('IsActive', String(item.isActive)),
      refElement('ParentRef', parent ? { listId: parent.listId, fullName: this.company.fullName(parent) } : undefined),
      element('Sublevel', String(this.company.sublevel(item))),
    ];
    if (item.type !== 'ItemInventory') {
      // SalesOrPurchase group: one description/price pair for items that are either sold or bought.
      const salesOrPurchase = element('SalesOrPurchase', [
        optionalText('Desc', item.salesDesc),
        optionalText('Price', item.salesPrice === undefined ? undefined : formatAmount(item.salesPrice)),
        refElement('AccountRef', this.company.accounts.get(item.accountListId ?? '')),
      ]);
      return element(`${item.type}Ret`, [...head, salesOrPurchase]);
    }
    return element('ItemInventoryRet', [
      ...head,
      optionalText('SalesDesc', item.salesDesc),
      optionalText('SalesPrice', item.salesPrice === undefined ? undefined : formatAmount(item.salesPrice)),
      optionalText('PurchaseCost', item.purchaseCost === undefined ? undefined : formatAmount(item.purchaseCost)),
      element('QuantityOnHand', formatQuantity(item.quantityOnHand)),
      element('QuantityOnOrder', '0'),
      element('QuantityOnSalesOrder', '0'),
    ]);
  }

  itemSite(record: ListRecord & { itemListId: string; siteListId: string }): XmlNode {
    const item = this.company.items.get(record.itemListId);
    return element('ItemSitesRet', [
      ...this.listCore(record),
      refElement('ItemInventoryRef', item ? { listId: item.listId, fullName: this.company.fullName(item) } : undefined),
      this.siteRef(record.siteListId),
      element('QuantityOnHand', formatQuantity(item?.siteQuantities.get(record.siteListId) ?? 0)),
      element('QuantityOnPurchaseOrders', '0'),
      element('QuantityOnSalesOrders', '0'),
    ]);
  }

  /** AccountRet as far as the emulator keeps accounts: a name in the chart of accounts and its type. */
  account(account: Account): XmlNode {
    const segments = account.fullName.split(':');
    return element('AccountRet', [
      element('ListID', account.listId),
      element('Name', segments.at(-1) ?? account.fullName),
      element('FullName', account.fullName),
      element('IsActive', 'true'),
      element('Sublevel', String(segments.length - 1)),
      ...(account.accountType ? [element('AccountType', account.accountType)] : []),
    ]);
  }

  site(site: InventorySite): XmlNode {
    return element('InventorySiteRet', [
      ...this.listCore(site),
      element('Name', site.name),
      element('IsActive', String(site.isActive)),
      element('IsDefaultSite', String(site.isDefaultSite)),
    ]);
  }

  private txnCore(txn: {
    txnId: string;
    txnNumber: number;
    timeCreated: Date;
    timeModified: Date;
    editSequence: string;
  }): XmlNode[] {
    return [
      element('TxnID', txn.txnId),
      element('TimeCreated', this.time(txn.timeCreated)),
      element('TimeModified', this.time(txn.timeModified)),
      element('EditSequence', txn.editSequence),
      element('TxnNumber', String(txn.txnNumber)),
    ];
  }

  adjustment(adjustment: InventoryAdjustment, includeLines: boolean): XmlNode {
    return element('InventoryAdjustmentRet', [
      ...this.txnCore(adjustment),
      refElement('AccountRef', this.company.accounts.get(adjustment.accountListId)),
      this.siteRef(adjustment.siteListId),
      element('TxnDate', formatDate(adjustment.txnDate, this.company.utcOffsetMinutes)),
      optionalText('RefNumber', adjustment.refNumber),
      refElement('CustomerRef', this.company.customers.get(adjustment.customerListId ?? '')),
      optionalText('Memo', adjustment.memo),
      ...(includeLines
        ? adjustment.lines.map((line) =>
            element('InventoryAdjustmentLineRet', [
              element('TxnLineID', line.txnLineId),
              this.itemRef(line.itemListId),
              element('QuantityDifference', formatQuantity(line.quantityDifference)),
              element('ValueDifference', formatAmount(line.valueDifference)),
            ]),
          )
        : []),
    ]);
  }

  sale(sale: SalesTxn, includeLines: boolean): XmlNode {
    const lines = includeLines
      ? sale.lines.map((line) =>
          element(`${sale.type}LineRet`, [
            element('TxnLineID', line.txnLineId),
            this.itemRef(line.itemListId),
            element('Quantity', formatQuantity(line.quantity)),
            element('Rate', formatAmount(line.rate)),
            element('Amount', formatAmount(line.quantity * line.rate)),
            this.siteRef(line.siteListId),
          ]),
        )
      : [];
    return element(`${sale.type}Ret`, [
      ...this.txnCore(sale),
      refElement('CustomerRef', this.company.customers.get(sale.customerListId ?? '')),
      element('TxnDate', formatDate(sale.txnDate, this.company.utcOffsetMinutes)),
      optionalText('RefNumber', sale.refNumber),
      optionalText('Memo', sale.memo),
      ...lines,
    ]);
  }

  deletedList(record: DeletedListRecord): XmlNode {
    return element('ListDeletedRet', [
      element('ListDelType', record.listDelType),
      element('ListID', record.listId),
      element('TimeCreated', this.time(record.timeCreated)),
      element('TimeDeleted', this.time(record.timeDeleted)),
      element('FullName', record.fullName),
    ]);
  }

  deletedTxn(record: DeletedTxnRecord): XmlNode {
    return element('TxnDeletedRet', [
      element('TxnDelType', record.txnDelType),
      element('TxnID', record.txnId),
      element('TimeCreated', this.time(record.timeCreated)),
      element('TimeDeleted', this.time(record.timeDeleted)),
      optionalText('RefNumber', record.refNumber),
    ]);
  }
}
