import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { qboInventoryAccounts } from '../../integrations/qbo/accounts.js';

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

const cache = new Map<string, QboAccounts>();

/** The accounts for new inventory items and adjustments: configured ids, else found by standard name. */
export async function resolveQboAccounts(deps: ActivityDeps, connectionId: string): Promise<QboAccounts> {
  const connection = await deps.store.connections.get(connectionId);
  const configured = connection.settings?.accounts ?? {};
  // Keyed by the configured ids too, so a settings change made by another process is picked up here.
  const cacheKey = `${connectionId}:${JSON.stringify(configured)}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const qbo = await deps.clients.qbo(connectionId);
  const accounts = await callApi('qbo', () => qbo.listAccounts());
  const resolved = {} as QboAccounts;
  for (const key of Object.keys(standardAccountNames) as (keyof QboAccounts)[]) {
    const wanted = configured[key];
    const standard = standardAccountNames[key];
    const match = wanted
      ? accounts.find((a) => a.Id === wanted)
      : accounts.find((a) => a.Name.toLowerCase() === standard.name.toLowerCase() && a.Active !== false);
    if (!match) {
      throw needsAttention(
        'qbo:account-missing',
        wanted
          ? `The QuickBooks account ${wanted} configured as ${key} does not exist.`
          : `QuickBooks has no account named "${standard.name}" (${standard.accountType}), needed for inventory items.`,
        `Create the account in QuickBooks or choose an existing one with \`qzsync configure ${connectionId} --${key.replace(/AccountId$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-account <id>\`.`,
      );
    }
    resolved[key] = match.Id;
  }
  cache.set(cacheKey, resolved);
  return resolved;
}

/** Forgets resolved accounts after the connection's settings change. */
export const forgetQboAccounts = (connectionId: string) => {
  for (const key of cache.keys()) if (key.startsWith(`${connectionId}:`)) cache.delete(key);
};
