import type { QbdAccountSetting, QbdSettings } from './connection-settings.js';
import { SideRefusal } from '../port.js';

/**
 * The accounts QuickBooks Desktop items and adjustments post to, by role: each the connection's setting (a full
 * name), else the standard account a QuickBooks Desktop company has under that name. Non-inventory and service items
 * post their sales to the income account unless a setting of their own names another.
 */
export type QbdAccounts = Record<QbdAccountSetting, string>;

const standardAccounts = {
  income: 'Sales',
  cogs: 'Cost of Goods Sold',
  asset: 'Inventory Asset',
  adjustment: 'Inventory Adjustments',
} as const;

/** What each role is for and the `qzsync configure` flag that sets it, for explanations. */
export const qbdAccountRoles: Record<QbdAccountSetting, { label: string; flag: string }> = {
  income: { label: 'income account of new inventory items', flag: '--qbd-income-account' },
  cogs: { label: 'cost of goods sold account of new inventory items', flag: '--qbd-cogs-account' },
  asset: { label: 'inventory asset account of new inventory items', flag: '--qbd-asset-account' },
  adjustment: { label: 'account inventory adjustments post to', flag: '--qbd-adjustment-account' },
  nonInventoryIncome: { label: 'account of new non-inventory items', flag: '--qbd-non-inventory-account' },
  serviceIncome: { label: 'account of new service items', flag: '--qbd-service-account' },
};

const income = ['Income', 'OtherIncome'];
const expense = ['CostOfGoodsSold', 'Expense', 'OtherExpense'];

/**
 * The account types (qbXML's AccountType) each role takes: sales post to income, the cost of what was sold to an
 * expense (QuickBooks' own is a cost of goods sold account), stock is a current asset, and an adjustment, usually an
 * expense for shrinkage, may be income where stock is found (QuickBooks' own help says either).
 */
export const qbdAccountTypes: Record<QbdAccountSetting, readonly string[]> = {
  income,
  nonInventoryIncome: income,
  serviceIncome: income,
  cogs: expense,
  asset: ['OtherCurrentAsset'],
  adjustment: [...expense, ...income],
};

export function qbdAccountsOf(settings: QbdSettings['accounts'] | undefined): QbdAccounts {
  const income = settings?.income ?? standardAccounts.income;
  return {
    income,
    cogs: settings?.cogs ?? standardAccounts.cogs,
    asset: settings?.asset ?? standardAccounts.asset,
    adjustment: settings?.adjustment ?? standardAccounts.adjustment,
    nonInventoryIncome: settings?.nonInventoryIncome ?? income,
    serviceIncome: settings?.serviceIncome ?? income,
  };
}

/**
 * The refusal for accounts the company file does not have (QuickBooks answered 3140, an invalid reference, and an
 * AccountQuery found these roles' names missing): which account, what it is for, and how to choose another.
 */
export function missingAccounts(
  missing: readonly { role: QbdAccountSetting; name: string }[],
  connectionId: string,
): SideRefusal {
  const listed = missing.map(({ role, name }) => `"${name}" (the ${qbdAccountRoles[role].label})`).join(', ');
  const flags = missing.map(({ role }) => `${qbdAccountRoles[role].flag} "<account full name>"`).join(' ');
  return new SideRefusal(
    'account-missing',
    `QuickBooks Desktop has no account ${listed}; it refused the write as an invalid reference (3140).`,
    `Create the account in QuickBooks Desktop (Lists › Chart of Accounts), or choose an existing one: ` +
      `\`qzsync configure ${connectionId} ${flags}\`, then retry.`,
  );
}
