import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';

export interface QboAccounts {
  incomeAccountId: string;
  cogsAccountId: string;
  assetAccountId: string;
  adjustmentAccountId: string;
}

/** The standard names a new QBO company gives these accounts, used when the connection does not name them. */
export const standardAccountNames = {
  incomeAccountId: { name: 'Sales of Product Income', type: 'Income' },
  cogsAccountId: { name: 'Cost of Goods Sold', type: 'Cost of Goods Sold' },
  assetAccountId: { name: 'Inventory Asset', type: 'Other Current Asset' },
  adjustmentAccountId: { name: 'Inventory Shrinkage', type: 'Cost of Goods Sold' },
} as const;

const cache = new Map<string, QboAccounts>();

/** The accounts for new inventory items and adjustments: configured ids, else found by standard name. */
export async function resolveQboAccounts(deps: ActivityDeps, connectionId: string): Promise<QboAccounts> {
  const cached = cache.get(connectionId);
  if (cached) return cached;
  const connection = await deps.store.connections.get(connectionId);
  const configured = connection.settings?.accounts ?? {};
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
          : `QuickBooks has no account named "${standard.name}" (${standard.type}), needed for inventory items.`,
        `Create the account in QuickBooks or choose an existing one with \`qzsync configure --${key.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-account <id>\`.`,
      );
    }
    resolved[key] = match.Id;
  }
  cache.set(connectionId, resolved);
  return resolved;
}

/** Forgets resolved accounts after the connection's settings change. */
export const forgetQboAccounts = (connectionId: string) => cache.delete(connectionId);
