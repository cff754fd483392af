import { SideRefusal } from '../port.js';
import { qboInventoryAccounts } from './accounts.js';
import type { QboClient } from './client.js';
import type { QboAccount } from './schemas/account.js';

export interface QboAccounts {
  incomeAccountId: string;
  cogsAccountId: string;
  assetAccountId: string;
  adjustmentAccountId: string;
}

/** The standard account each setting falls back to (the names a new QBO company gives them). */
export const standardAccountNames = {
  incomeAccountId: qboInventoryAccounts.income,
  cogsAccountId: qboInventoryAccounts.cogs,
  assetAccountId: qboInventoryAccounts.inventoryAsset,
  adjustmentAccountId: qboInventoryAccounts.adjustment,
} as const;

/** The account serving one role: the configured id, else the active account with the role's standard name. */
export function matchAccount(
  accounts: QboAccount[],
  role: keyof QboAccounts,
  configured: Partial<QboAccounts>,
): QboAccount | undefined {
  const wanted = configured[role];
  const standard = standardAccountNames[role];
  return wanted
    ? accounts.find((a) => a.Id === wanted)
    : accounts.find((a) => a.Name.toLowerCase() === standard.name.toLowerCase() && a.Active !== false);
}

const cache = new Map<string, QboAccounts>();

/**
 * The accounts for new inventory items and adjustments of a connection: configured ids, else found by standard name;
 * one account list read per connection and configuration in this process.
 */
export async function resolveQboAccounts(
  client: Pick<QboClient, 'listAccounts'>,
  connectionId: string,
  configured: Partial<QboAccounts>,
): Promise<QboAccounts> {
  // Keyed by the configured ids too, so a settings change made by another process is picked up here.
  const cacheKey = `${connectionId}:${JSON.stringify(configured)}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const accounts = await client.listAccounts();
  const resolved = {} as QboAccounts;
  for (const role of Object.keys(standardAccountNames) as (keyof QboAccounts)[]) {
    const match = matchAccount(accounts, role, configured);
    if (!match) {
      const wanted = configured[role];
      const standard = standardAccountNames[role];
      throw new SideRefusal(
        'account-missing',
        wanted
          ? `The QuickBooks account ${wanted} configured as ${role} does not exist.`
          : `QuickBooks has no account named "${standard.name}" (${standard.accountType}), needed for inventory items.`,
        `Create the account in QuickBooks or choose an existing one with \`qzsync configure ${connectionId} --${role.replace(/AccountId$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-account <id>\`.`,
      );
    }
    resolved[role] = match.Id;
  }
  cache.set(cacheKey, resolved);
  return resolved;
}

/** Forgets resolved accounts after the connection's settings change. */
export const forgetQboAccounts = (connectionId: string) => {
  for (const key of cache.keys()) if (key.startsWith(`${connectionId}:`)) cache.delete(key);
};
