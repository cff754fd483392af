import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import type { SideSettings } from '../../domain/connection-settings.js';
import { definedOnly, type SystemSettings } from '../side-settings.js';

/** How quantities may be written to QuickBooks Online (the `quantityWrite` setting). */
export const qboQuantityWrites = ['inventory-adjustment', 'qty-on-hand'] as const;
const accountKeys = ['incomeAccountId', 'cogsAccountId', 'assetAccountId', 'adjustmentAccountId'] as const;
export type QboAccountSetting = (typeof accountKeys)[number];

const accountsOf = <T extends z.ZodType>(id: T) =>
  Object.fromEntries(accountKeys.map((key) => [key, id])) as Record<QboAccountSetting, T>;

/** QuickBooks Online's settings on the accounting side of a connection. */
export const qboSettingsSchema = z.object({
  system: z.literal('qbo'),
  /**
   * How quantity changes reach QuickBooks: InventoryAdjustment with QtyDiff (exactly once through requestid +
   * DocNumber), or, for companies without InventoryAdjustment (it is US-only), writing QtyOnHand with SyncToken checks.
   */
  quantityWrite: z.enum(qboQuantityWrites).default('inventory-adjustment'),
  /** Accounts for new inventory items and adjustments, by id; looked up by their standard names when absent. */
  accounts: z.object(accountsOf(z.string().min(1).optional())).default({}),
});
export type QboSettings = z.infer<typeof qboSettingsSchema>;

/** A connection's QuickBooks Online settings; null before it is configured, or when its books are elsewhere. */
export const qboSettingsOf = (settings: { accounting: SideSettings } | null): QboSettings | null =>
  settings?.accounting.system === 'qbo' ? (settings.accounting as QboSettings) : null;

const accountsChange = z.strictObject(accountsOf(storableText(64))).partial();
const quantityWriteChange = z.enum(qboQuantityWrites);

const qboSettingsChange = z.strictObject({ quantityWrite: quantityWriteChange, accounts: accountsChange }).partial();
type QboSettingsChange = z.infer<typeof qboSettingsChange>;

const flatChange = { qboQuantityWrite: quantityWriteChange.optional(), accounts: accountsChange.optional() };

export const qboSettings: SystemSettings<QboSettings, QboSettingsChange, typeof flatChange> = {
  stored: qboSettingsSchema,
  change: qboSettingsChange,
  apply: (current, change) => ({
    ...current,
    ...definedOnly(change),
    system: 'qbo',
    accounts: { ...current?.accounts, ...change.accounts },
  }),
  flatChange,
  fromFlat: (flat) => definedOnly({ quantityWrite: flat.qboQuantityWrite, accounts: flat.accounts }),
  describe: (settings) => [
    [
      'QuickBooks accounts',
      Object.entries(settings.accounts)
        .map(([key, id]) => `${key.replace(/AccountId$/, '')} ${id}`)
        .join(', ') || 'found by their standard names',
    ],
    [
      'QuickBooks quantities',
      settings.quantityWrite === 'qty-on-hand' ? 'written as QtyOnHand' : 'written as inventory adjustments',
    ],
  ],
};
