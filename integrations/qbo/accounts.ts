import { includeInactive, selectQuery, where, qboMaxPageSize, type QboCondition } from './query-builder.js';
import type { QboQueryApi } from './query.js';
import type { QboAccount } from './schemas/account.js';

/** Account type and the standard QBO name of each account inventory items and adjustments use. */
export const qboInventoryAccounts = {
  income: { accountType: 'Income', name: 'Sales of Product Income' },
  cogs: { accountType: 'Cost of Goods Sold', name: 'Cost of Goods Sold' },
  inventoryAsset: { accountType: 'Other Current Asset', name: 'Inventory Asset' },
  adjustment: { accountType: 'Cost of Goods Sold', name: 'Inventory Shrinkage' },
} as const;

export interface QboAccountFilter {
  name?: string;
  accountType?: string;
  accountSubType?: string;
  /** Default false: inactive accounts cannot be used on new items. */
  includeInactive?: boolean;
}

export interface QboAccountsApi {
  /** Active accounts. */
  listAccounts(): Promise<QboAccount[]>;
  findAccounts(filter: QboAccountFilter): Promise<QboAccount[]>;
}

export function createAccountsApi(queries: QboQueryApi): QboAccountsApi {
  return {
    async listAccounts() {
      const all: QboAccount[] = [];
      for await (const page of queries.queryAll('Account')) all.push(...page);
      return all;
    },

    async findAccounts(filter) {
      const conditions: QboCondition[] = [
        ...(filter.includeInactive ? [includeInactive] : []),
        ...(filter.name === undefined ? [] : [where('Name', '=', filter.name)]),
        ...(filter.accountType === undefined ? [] : [where('AccountType', '=', filter.accountType)]),
        ...(filter.accountSubType === undefined ? [] : [where('AccountSubType', '=', filter.accountSubType)]),
      ];
      return await queries.query(selectQuery('Account', { where: conditions, maxResults: qboMaxPageSize }));
    },
  };
}
