import { z } from 'zod';
import type { EmulatorClock } from '../common/clock.js';
import { StateFile } from '../common/state-file.js';
import type { QbdCompany } from './company.js';
import type { QbdProcessor } from './processor.js';

// What a QuickBooks Desktop company file keeps across restarts of the emulator, as its state file holds it: dates
// are written as ISO strings (JSON) and Maps tagged by the common state encoding (emulators/common/state-file.ts).
const date = z.coerce.date();
const itemType = z.enum(['ItemInventory', 'ItemNonInventory', 'ItemService']);
const txnType = z.enum(['Invoice', 'SalesReceipt', 'InventoryAdjustment']);

const listRecord = z.object({
  listId: z.string(),
  timeCreated: date,
  timeModified: date,
  editSequence: z.string(),
});
const txnRecord = z.object({
  txnId: z.string(),
  txnNumber: z.number().int(),
  timeCreated: date,
  timeModified: date,
  editSequence: z.string(),
  txnDate: date,
  refNumber: z.string().optional(),
  memo: z.string().optional(),
});
const named = z.object({ listId: z.string(), fullName: z.string() });

/** The account types the emulator gives its accounts, as qbXML names them (AccountRet's AccountType). */
export const accountTypeSchema = z.enum([
  'Income',
  'OtherIncome',
  'CostOfGoodsSold',
  'Expense',
  'OtherExpense',
  'OtherCurrentAsset',
  'Bank',
]);

export const companyStateSchema = z.object({
  options: z.object({
    companyFilePath: z.string(),
    inventorySites: z.boolean(),
    utcOffsetMinutes: z.number(),
    quantityChangeTouchesItem: z.boolean(),
  }),
  counters: z.object({
    list: z.number().int(),
    txn: z.number().int(),
    txnNumber: z.number().int(),
    lastSequenceSecond: z.number().int(),
  }),
  items: z.array(
    listRecord.extend({
      type: itemType,
      name: z.string(),
      parentListId: z.string().optional(),
      isActive: z.boolean(),
      salesDesc: z.string().optional(),
      salesPrice: z.number().optional(),
      purchaseCost: z.number().optional(),
      accountListId: z.string().optional(),
      quantityOnHand: z.number(),
      siteQuantities: z.map(z.string(), z.number()),
    }),
  ),
  sites: z.array(listRecord.extend({ name: z.string(), isActive: z.boolean(), isDefaultSite: z.boolean() })),
  itemSites: z.map(z.string(), listRecord.extend({ itemListId: z.string(), siteListId: z.string() })),
  accounts: z.array(named.extend({ accountType: accountTypeSchema.optional() })),
  customers: z.array(named),
  adjustments: z.array(
    txnRecord.extend({
      type: z.literal('InventoryAdjustment'),
      accountListId: z.string(),
      siteListId: z.string().optional(),
      customerListId: z.string().optional(),
      lines: z.array(
        z.object({
          txnLineId: z.string(),
          itemListId: z.string(),
          quantityDifference: z.number(),
          valueDifference: z.number(),
        }),
      ),
    }),
  ),
  salesTxns: z.array(
    txnRecord.extend({
      type: z.enum(['Invoice', 'SalesReceipt']),
      customerListId: z.string().optional(),
      lines: z.array(
        z.object({
          txnLineId: z.string(),
          itemListId: z.string(),
          quantity: z.number(),
          rate: z.number(),
          siteListId: z.string().optional(),
        }),
      ),
    }),
  ),
  deletedLists: z.array(
    z.object({
      listDelType: z.union([itemType, z.literal('InventorySite')]),
      listId: z.string(),
      fullName: z.string(),
      timeCreated: date,
      timeDeleted: date,
    }),
  ),
  deletedTxns: z.array(
    z.object({
      txnDelType: txnType,
      txnId: z.string(),
      refNumber: z.string().optional(),
      timeCreated: date,
      timeDeleted: date,
    }),
  ),
});
export type CompanyState = z.infer<typeof companyStateSchema>;

/** The emulator's state file: the company file, the clock (which never goes back) and the kept message sets. */
export const qbdStateSchema = z.object({
  version: z.literal(1),
  clockMs: z.number(),
  company: companyStateSchema,
  messageSets: z.map(z.string(), z.string()),
});

/** How the emulator keeps its company file on disk. */
export interface QbdPersistence {
  /** Writes the state file when the company changed since the last write. */
  afterChange(): void;
  /** Writes the state file (on close). */
  save(): void;
}

/**
 * Restores the company file, its clock and kept message sets from `path` when it exists, and answers how to keep it
 * there. Written after each change only (a query changes nothing), so the file is rewritten as often as the company
 * changes, not once per Web Connector session.
 */
export function qbdStateFile(
  path: string,
  parts: { clock: EmulatorClock; company: QbdCompany; processor: QbdProcessor },
): QbdPersistence {
  const { clock, company, processor } = parts;
  const file = new StateFile(path, () => ({
    version: 1,
    clockMs: clock.now().getTime(),
    company: company.snapshot(),
    messageSets: processor.messageSets,
  }));
  const saved = file.load();
  if (saved !== undefined) {
    const state = qbdStateSchema.parse(saved);
    company.restore(state.company);
    for (const [id, xml] of state.messageSets) processor.messageSets.set(id, xml);
    const behind = state.clockMs - clock.now().getTime();
    if (behind > 0) clock.advance(behind);
  }
  let savedRevision = company.revision;
  return {
    afterChange() {
      if (company.revision === savedRevision) return;
      file.save();
      savedRevision = company.revision;
    },
    save() {
      file.save();
      savedRevision = company.revision;
    },
  };
}
