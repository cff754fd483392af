import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import { definedOnly, type SystemSettings } from '../side-settings.js';

/** A QuickBooks Desktop account's full name: segments of 1 to 31 characters joined by ":", 159 at most. */
const accountName = z
  .string()
  .max(159)
  .refine(
    (name) =>
      name.split(':').every((segment) => segment.length > 0 && segment.length <= 31 && segment.trim() === segment),
    'an account full name: each name between ":" has 1 to 31 characters, without spaces around it',
  );

const accountKeys = ['income', 'cogs', 'asset', 'adjustment', 'nonInventoryIncome', 'serviceIncome'] as const;
export type QbdAccountSetting = (typeof accountKeys)[number];

const accountsOf = <T extends z.ZodType>(name: T) =>
  Object.fromEntries(accountKeys.map((key) => [key, name])) as Record<QbdAccountSetting, T>;

/** An inventory site's name: 1 to 31 characters. */
const siteName = z
  .string()
  .min(1)
  .max(31)
  .refine((name) => name.trim() === name, 'a site name without spaces around it');

/** QuickBooks Desktop's settings on the accounting side of a connection. */
export const qbdSettingsSchema = z.object({
  system: z.literal('qbd'),
  /**
   * Accounts by full name (a subaccount as "Parent:Child"), for new items and adjustments; each absent one is the
   * standard account of its role (integrations/qbd/accounts.ts).
   */
  accounts: z.object(accountsOf(accountName.optional())).default({}),
  /**
   * The inventory site (Advanced Inventory) stock movements land at, by name. Absent, the site named as the field
   * side's default location, else QuickBooks' default site; unused without sites.
   */
  site: siteName.optional(),
});
export type QbdSettings = z.infer<typeof qbdSettingsSchema>;

const accountsChange = z.strictObject(accountsOf(storableText(159).pipe(accountName))).partial();
/** A site's name, or nothing (`''` as `qzsync configure --qbd-site ''` sends it, or null) to unset the setting. */
const siteChange = z.preprocess((name) => (name === '' ? null : name), storableText(31).pipe(siteName).nullable());

const qbdSettingsChange = z.strictObject({ accounts: accountsChange, site: siteChange }).partial();
type QbdSettingsChange = z.infer<typeof qbdSettingsChange>;

const flatChange = { qbdAccounts: accountsChange.optional(), qbdSite: siteChange.optional() };

export const qbdSettings: SystemSettings<QbdSettings, QbdSettingsChange, typeof flatChange> = {
  stored: qbdSettingsSchema,
  change: qbdSettingsChange,
  apply: (current, { site, accounts }) => {
    const { site: currentSite, ...kept } = current ?? { accounts: {} };
    const nextSite = site === undefined ? currentSite : site;
    return {
      ...kept,
      system: 'qbd',
      accounts: { ...current?.accounts, ...accounts },
      ...(nextSite === null || nextSite === undefined ? {} : { site: nextSite }),
    };
  },
  flatChange,
  fromFlat: (flat) => definedOnly({ accounts: flat.qbdAccounts, site: flat.qbdSite }),
  describe: (settings) => [
    [
      'QuickBooks Desktop accounts',
      Object.entries(settings.accounts)
        .map(([key, name]) => `${key} "${name}"`)
        .join(', ') || 'the standard names',
    ],
    [
      'QuickBooks Desktop site',
      settings.site ? `"${settings.site}"` : "named as the default location, else QuickBooks' default",
    ],
  ],
};
