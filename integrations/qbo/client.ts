import { createAccountsApi, type QboAccountsApi } from './accounts.js';
import { createBatchApi, type QboBatchApi } from './batch.js';
import { createCategoriesApi, type QboCategoriesApi } from './categories.js';
import { createCdcApi, type QboCdcApi } from './cdc.js';
import { createCompanyApi, type QboCompanyApi } from './company.js';
import type { QboConfig } from './config.js';
import { createQuantityApi, type QboQuantityApi } from './inventory-adjustments.js';
import { createItemsApi, type QboItemsApi } from './items.js';
import { createQueryApi, type QboQueryApi } from './query.js';
import type { QboAccessTokenSource } from './token-provider.js';
import { createTransactionsApi, type QboTransactionsApi } from './transactions.js';
import { createQboTransport, type QboHooks } from './transport.js';

export type QboClient = QboCompanyApi &
  QboQueryApi &
  QboItemsApi &
  QboCategoriesApi &
  QboQuantityApi &
  QboAccountsApi &
  QboTransactionsApi &
  QboBatchApi &
  QboCdcApi & { readonly realmId: string };

export interface QboClientOptions {
  config: QboConfig;
  realmId: string;
  tokens: QboAccessTokenSource;
  hooks?: QboHooks;
  now?: () => Date;
}

/** The QuickBooks Online accounting API for one company (realm). */
export function createQboClient(opts: QboClientOptions): QboClient {
  const transport = createQboTransport(opts);
  const queries = createQueryApi(transport);
  return {
    realmId: opts.realmId,
    ...createCompanyApi(transport),
    ...queries,
    ...createItemsApi(transport, queries),
    ...createCategoriesApi(transport, queries),
    ...createQuantityApi(transport, queries),
    ...createAccountsApi(queries),
    ...createTransactionsApi(transport),
    ...createBatchApi(transport),
    ...createCdcApi(transport),
  };
}
