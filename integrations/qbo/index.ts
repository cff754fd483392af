// Public surface of the QuickBooks Online client.
export { parseQboConfig, qboConfigSchema, type QboConfig, type QboConfigInput } from './config.js';
export { createQboOAuth, qboAccountingScope, type QboOAuth } from './oauth.js';
export type { QboTokens } from './tokens.js';
export {
  createQboTokenProvider,
  type QboAccessTokenSource,
  type QboTokenProviderOptions,
  type QboTokenStore,
} from './token-provider.js';
export { createQboClient, type QboClient, type QboClientOptions } from './client.js';
export type { QboHooks } from './transport.js';
export { QboApiError, QboAuthError, QboSchemaError, type QboErrorKind, type QboFaultEntry } from './errors.js';
export { explainQboError, type QboErrorExplanation } from './error-explanations.js';
export {
  countQuery,
  formatQboDateTime,
  includeInactive,
  quoteQboLiteral,
  selectQuery,
  where,
  type QboCondition,
  type QboQuery,
} from './query-builder.js';
export {
  inactiveNameSuffix,
  stripInactiveNameSuffix,
  type QboItemCreate,
  type QboItemPatch,
  type QboRefInput,
} from './items.js';
export type { QboInventoryAdjustmentInput } from './inventory-adjustments.js';
export type { QboTransactionSummary } from './transactions.js';
export type { QboCompanyInfo, QboInventoryPreferences } from './company.js';
export { qboInventoryAccounts, type QboAccountFilter } from './accounts.js';
export { qboMaxBatchSize, type QboBatchOperation, type QboBatchResult } from './batch.js';
export { qboCdcObjectCap, type QboCdcChanges, type QboCdcResult } from './cdc.js';
export type { QboWriteOptions } from './write-options.js';
export type { QboItem, QboItemType } from './schemas/item.js';
export type { QboAccount } from './schemas/account.js';
export type { QboInventoryAdjustment, QboTransaction } from './schemas/transaction.js';
export {
  qboTransactionEntities,
  type QboDeletedStub,
  type QboEntity,
  type QboEntityName,
  type QboTransactionEntity,
} from './schemas/entities.js';
