import { z } from 'zod';
import type { EmulatorClock } from '../common/clock.js';
import type {
  AccountType,
  InventoryAdjustment,
  InventoryTransfer,
  Item,
  ItemChange,
  QbdCompany,
  SalesTxn,
} from './company.js';
import type { QbdProcessor, RecordInUseCode } from './processor.js';
import type { WebConnectorFaults, WebConnectorSimulator } from './web-connector.js';

const seedItemSchema = z.object({
  type: z.enum(['ItemInventory', 'ItemNonInventory', 'ItemService']).default('ItemInventory'),
  /** Full name; missing parents are created with the item's type, since QuickBooks keeps sub-items to their parent's type. */
  fullName: z.string().min(1),
  quantityOnHand: z.number().optional(),
  salesPrice: z.number().optional(),
  purchaseCost: z.number().optional(),
  salesDesc: z.string().optional(),
  isActive: z.boolean().optional(),
});
const saleLinesSchema = z
  .array(z.object({ item: z.string(), quantity: z.number(), rate: z.number().optional(), site: z.string().optional() }))
  .min(1);
const saleSchema = z.object({
  type: z.enum(['Invoice', 'SalesReceipt']).default('Invoice'),
  customer: z.string().default('Walk-in Customer'),
  refNumber: z.string().max(11).optional(),
  lines: saleLinesSchema,
});
const transferSchema = z.object({
  item: z.string(),
  quantity: z.number().positive(),
  from: z.string(),
  to: z.string(),
  memo: z.string().optional(),
});

const adjustSchema = z.object({
  item: z.string(),
  quantityDifference: z.number(),
  site: z.string().optional(),
  refNumber: z.string().max(11).optional(),
  memo: z.string().optional(),
});

/**
 * In-process control of the QuickBooks Desktop emulator for tests: seed items and sites, enter sales and
 * adjustments as a QuickBooks user would, read quantities, and inject faults. Inputs are checked with zod.
 */
export class QbdEmulatorAdmin {
  constructor(
    private readonly company: QbdCompany,
    private readonly processor: QbdProcessor,
    private readonly clock: EmulatorClock,
    private readonly connector: () => WebConnectorSimulator | undefined,
    /** After each change a QuickBooks user makes here (the state file saves). */
    private readonly changed: () => void = () => undefined,
  ) {}

  private saved<T>(result: T): T {
    this.changed();
    return result;
  }

  seedItems(inputs: z.input<typeof seedItemSchema>[]): Item[] {
    return this.saved(this.seedEach(inputs));
  }

  private seedEach(inputs: z.input<typeof seedItemSchema>[]): Item[] {
    return inputs.map((raw) => {
      const input = seedItemSchema.parse(raw);
      const segments = input.fullName.split(':');
      let parentListId: string | undefined;
      segments.slice(0, -1).forEach((_segment, index) => {
        const parentName = segments.slice(0, index + 1).join(':');
        const parent =
          this.company.itemByFullName(parentName) ??
          this.company.addItem({ type: input.type, name: segments[index] ?? '', parentListId });
        parentListId = parent.listId;
      });
      return this.company.addItem({
        type: input.type,
        name: segments.at(-1) ?? '',
        parentListId,
        isActive: input.isActive,
        salesDesc: input.salesDesc,
        salesPrice: input.salesPrice,
        purchaseCost: input.purchaseCost,
        quantityOnHand: input.quantityOnHand,
      });
    });
  }

  /** An account items and adjustments may post to, beside the standard ones every company file starts with. */
  addAccount(fullName: string, accountType: AccountType = 'Income'): string {
    return this.saved(this.company.addAccount(fullName, accountType).listId);
  }

  /** A customer for InvoiceAdd / SalesReceiptAdd requests to name. */
  addCustomer(fullName: string): string {
    return this.saved(this.company.customerNamed(fullName).listId);
  }

  addSite(name: string, isDefaultSite = false): string {
    return this.saved(this.company.addSite(name, isDefaultSite).listId);
  }

  private item(fullName: string): Item {
    const item = this.company.itemByFullName(fullName);
    if (!item) throw new RangeError(`No item "${fullName}" in the company file`);
    return item;
  }

  private siteListId(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const site = [...this.company.sites.values()].find((s) => s.name === name);
    if (!site) throw new RangeError(`No inventory site "${name}"`);
    return site.listId;
  }

  /** Enters an invoice or sales receipt; inventory lines lower QuantityOnHand. */
  sell(raw: z.input<typeof saleSchema>): SalesTxn {
    const input = saleSchema.parse(raw);
    const sale = this.company.addSale({
      type: input.type,
      customerListId: this.company.customerNamed(input.customer).listId,
      refNumber: input.refNumber,
      lines: this.saleLines(input.lines),
    });
    return this.saved(sale);
  }

  /** Edits a saved invoice or sales receipt to these lines; on-hand moves by the difference. */
  editSale(txnId: string, lines: z.input<typeof saleLinesSchema>): SalesTxn {
    return this.saved(this.company.editSale(txnId, this.saleLines(saleLinesSchema.parse(lines))));
  }

  private saleLines(lines: z.output<typeof saleLinesSchema>) {
    return lines.map((line) => ({
      itemListId: this.item(line.item).listId,
      quantity: line.quantity,
      rate: line.rate,
      siteListId: this.siteListId(line.site),
    }));
  }

  /** Enters an inventory adjustment by difference against the Inventory Adjustments account. */
  adjust(raw: z.input<typeof adjustSchema>): InventoryAdjustment {
    const input = adjustSchema.parse(raw);
    const account = this.company.findNamed(this.company.accounts, { fullName: 'Inventory Adjustments' });
    const adjustment = this.company.addInventoryAdjustment({
      accountListId: account?.listId ?? '',
      siteListId: this.siteListId(input.site),
      refNumber: input.refNumber,
      memo: input.memo,
      lines: [{ itemListId: this.item(input.item).listId, quantityDifference: input.quantityDifference }],
    });
    return this.saved(adjustment);
  }

  /** Enters a transfer of one item's stock between two sites (Advanced Inventory's Transfer Inventory). */
  transfer(raw: z.input<typeof transferSchema>): InventoryTransfer {
    const input = transferSchema.parse(raw);
    const transfer = this.company.addTransfer({
      fromSiteListId: this.siteListId(input.from) ?? '',
      toSiteListId: this.siteListId(input.to) ?? '',
      memo: input.memo,
      lines: [{ itemListId: this.item(input.item).listId, quantity: input.quantity }],
    });
    return this.saved(transfer);
  }

  /** On-hand quantity of an item, company-wide or at one site. */
  quantityOnHand(fullName: string, site?: string): number {
    const item = this.item(fullName);
    const siteListId = this.siteListId(site);
    return siteListId === undefined ? item.quantityOnHand : (item.siteQuantities.get(siteListId) ?? 0);
  }

  getItem(fullName: string): Item {
    return this.item(fullName);
  }

  /** A person changes an item's definition in QuickBooks (its name, sales description or price). */
  editItem(listId: string, change: Pick<ItemChange, 'name' | 'salesDesc' | 'salesPrice'>): Item {
    const item = this.company.items.get(listId);
    if (!item) throw new RangeError(`No item ${listId}`);
    return this.saved(this.company.modifyItem(listId, item.editSequence, change));
  }

  deleteItem(fullName: string): void {
    this.company.deleteItem(this.item(fullName).listId);
    this.changed();
  }

  deleteTxn(txnId: string): void {
    this.company.deleteTxn(txnId);
    this.changed();
  }

  adjustments(): InventoryAdjustment[] {
    return [...this.company.adjustments.values()];
  }

  /** The next writes fail with a 3170-3180 status, as when another QuickBooks user holds the record. */
  failNextWrites(code: RecordInUseCode, count = 1): void {
    this.processor.injectRecordInUse(code, count);
  }

  /** Another user saves the item of each of the next `count` item Mods just before it: they meet a stale EditSequence (3200). */
  editItemsBeforeNextMods(count = 1): void {
    this.processor.injectConcurrentItemEdits(count);
  }

  /** The next `count` iterators continued find they expired (3391), as when QuickBooks dropped them between pages. */
  expireNextIterators(count = 1): void {
    this.processor.injectIteratorExpiry(count);
  }

  /** Turns off the record-in-use statuses, concurrent edits and iterator expiries injected above and not met yet. */
  clearRequestFaults(): void {
    this.processor.clearInjected();
  }

  /** Web Connector faults: company file closed, QuickBooks busy, session dropped, response lost, interactive user. */
  setConnectorFaults(faults: Partial<WebConnectorFaults>): void {
    const connector = this.connector();
    if (!connector) throw new RangeError('No Web Connector is attached to this emulator');
    connector.setFaults(faults);
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
    // The state file keeps the clock, which must not go back after a restart.
    this.company.markChanged();
    this.changed();
  }
}
