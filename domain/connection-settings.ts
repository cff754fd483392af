import { z } from 'zod';
import type { Side } from './sides.js';
import { isSystem, sideOfSystem, type System } from './systems.js';

/** A QuickBooks Desktop account's full name: segments of 1 to 31 characters joined by ":", 159 at most. */
const qbdAccountName = z
  .string()
  .max(159)
  .refine(
    (name) =>
      name.split(':').every((segment) => segment.length > 0 && segment.length <= 31 && segment.trim() === segment),
    'an account full name: each name between ":" has 1 to 31 characters, without spaces around it',
  );

/**
 * The product master is a side. Before, the setting named a system (`qbo` whichever system sat on the accounting
 * side, `zuper`): settings stored or sent that way read as that system's side.
 */
const productMasterSchema = z.preprocess(
  (value) => (typeof value === 'string' && isSystem(value) ? sideOfSystem(value) : value),
  z.enum(['accounting', 'field']),
);

/** Per-connection configuration (one accounting company ↔ one field-service company), validated wherever it enters. */
export const connectionSettingsSchema = z.object({
  /** Where new items are created and definitions flow from. */
  productMaster: productMasterSchema,
  /** Zuper location where items copied from QBO are stocked and where QBO-originated changes land. */
  defaultLocationUid: z.string().min(1),
  /** Minimum quantity at the default location for items copied from QBO. */
  minQuantity: z.number().min(0).default(0),
  /** Quantity given in Zuper to QBO non-inventory items (QBO keeps none). */
  nonInventoryQuantity: z.number().default(0),
  /** QBO accounts for new inventory items; looked up by their standard names when absent. */
  accounts: z
    .object({
      incomeAccountId: z.string().min(1).optional(),
      cogsAccountId: z.string().min(1).optional(),
      assetAccountId: z.string().min(1).optional(),
      adjustmentAccountId: z.string().min(1).optional(),
    })
    .default({}),
  /**
   * QuickBooks Desktop accounts by full name (a subaccount as "Parent:Child"), for new items and adjustments; each
   * absent one is the standard account of its role (integrations/qbd/accounts.ts).
   */
  qbdAccounts: z
    .object({
      income: qbdAccountName.optional(),
      cogs: qbdAccountName.optional(),
      asset: qbdAccountName.optional(),
      adjustment: qbdAccountName.optional(),
      nonInventoryIncome: qbdAccountName.optional(),
      serviceIncome: qbdAccountName.optional(),
    })
    .optional(),
  /**
   * The QuickBooks Desktop inventory site (Advanced Inventory) stock movements land at, by name (1 to 31 characters).
   * Absent, the site named as the default location, else QuickBooks' default site; unused without sites.
   */
  qbdSite: z
    .string()
    .min(1)
    .max(31)
    .refine((name) => name.trim() === name, 'a site name without spaces around it')
    .optional(),
  /**
   * How quantity changes reach QBO: InventoryAdjustment with QtyDiff (exactly once through requestid + DocNumber),
   * or, for companies without InventoryAdjustment (it is US-only), writing QtyOnHand with SyncToken checks.
   */
  qboQuantityWrite: z.enum(['inventory-adjustment', 'qty-on-hand']).default('inventory-adjustment'),
  /** How often the reconciliation schedule runs, e.g. "15m". */
  reconcileEvery: z
    .string()
    // abort: refinements added on top (the settings change's range checks) cannot read a value that is no duration.
    .regex(/^\d+(s|m|h)$/, { message: 'a duration such as 15m or 1h', abort: true })
    .default('15m'),
});

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

/**
 * The words a product master may be given as: a side, or a system (the connection's own; `qbo` and `zuper` also
 * stand for the accounting and field sides of any connection, as they did before the setting named sides).
 */
export const productMasterWords = ['accounting', 'field', 'qbo', 'qbd', 'zuper'] as const satisfies readonly (
  Side | System
)[];
export type ProductMasterWord = (typeof productMasterWords)[number];

/** One of the QuickBooks Desktop accounts a connection's settings name. */
export type QbdAccountSetting = keyof NonNullable<ConnectionSettings['qbdAccounts']>;

/** One of the accounts a connection's account settings name. */
export type AccountSetting = keyof ConnectionSettings['accounts'];

/** A value a setting may take, read from the company it refers to, with the name users know it by. */
export interface SettingChoice {
  value: string;
  label: string;
}
