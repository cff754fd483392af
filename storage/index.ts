import type { Db } from './db.js';
import type { SecretBox } from '../security/secret-box.js';
import { connectionsRepository } from './repositories/connections.js';
import { connectionCredentialsRepository } from './repositories/connection-credentials.js';
import { linksRepository } from './repositories/links.js';
import { historyRepository } from './repositories/history.js';
import { webhookDeliveriesRepository } from './repositories/webhook-deliveries.js';
import { transactionItemsRepository } from './repositories/transaction-items.js';
import { oauthStatesRepository } from './repositories/oauth-states.js';
import { rateBucketsRepository } from './repositories/rate-buckets.js';
import { categoryLinksRepository } from './repositories/category-links.js';
import { adjustmentCursorsRepository } from './repositories/adjustment-cursors.js';
import { movementListCursorsRepository } from './repositories/movement-list-cursors.js';
import { operatorTokensRepository } from './repositories/operator-tokens.js';
import { accountingCatalogReadsRepository } from './repositories/accounting-catalog-reads.js';
import { linkPlansRepository } from './repositories/link-plans.js';

/**
 * The core's repositories over one database. The service's store adds each system's own (`createStore` in
 * `integrations/store.ts`); `db` is there for a system's repositories and for transactions across both.
 */
export function createCoreStore(db: Db, secrets: SecretBox) {
  return {
    db,
    connections: connectionsRepository(db),
    credentials: connectionCredentialsRepository(db, secrets),
    links: linksRepository(db),
    categoryLinks: categoryLinksRepository(db),
    history: historyRepository(db),
    webhookDeliveries: webhookDeliveriesRepository(db),
    transactionItems: transactionItemsRepository(db),
    oauthStates: oauthStatesRepository(db),
    rateBuckets: rateBucketsRepository(db),
    adjustmentCursors: adjustmentCursorsRepository(db),
    movementListCursors: movementListCursorsRepository(db),
    operatorTokens: operatorTokensRepository(db),
    accountingCatalogReads: accountingCatalogReadsRepository(db),
    linkPlans: linkPlansRepository(db),
  };
}

export type CoreStore = ReturnType<typeof createCoreStore>;
