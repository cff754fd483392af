import type { SettingChoice } from '../../domain/connection-settings.js';
import type { QboAccountSetting as AccountSetting } from './connection-settings.js';
import { qboInventoryAccounts } from './accounts.js';
import type { QboClient } from './client.js';

/** Which QBO account type each account setting takes (the types QuickBooks accepts on an inventory item). */
const accountTypes: Record<AccountSetting, string> = {
  incomeAccountId: qboInventoryAccounts.income.accountType,
  cogsAccountId: qboInventoryAccounts.cogs.accountType,
  assetAccountId: qboInventoryAccounts.inventoryAsset.accountType,
  adjustmentAccountId: qboInventoryAccounts.adjustment.accountType,
};

/** Per account setting, the company's active accounts of the type it takes. */
export async function accountChoices(qbo: QboClient): Promise<Record<AccountSetting, SettingChoice[]>> {
  const active = (await qbo.listAccounts()).filter((a) => a.Active !== false);
  return Object.fromEntries(
    Object.entries(accountTypes).map(([setting, type]) => [
      setting,
      active.filter((a) => a.AccountType === type).map((a) => ({ value: a.Id, label: a.FullyQualifiedName ?? a.Name })),
    ]),
  ) as Record<AccountSetting, SettingChoice[]>;
}
