export { createZuperClient, type ZuperClient } from './client.js';
export { discoverZuperApiUrl, type DiscoveryOptions } from './discovery.js';
export {
  DEFAULT_ACCOUNTS_URL,
  DEFAULT_LOCATION_LIST_PATH,
  DEFAULT_INVENTORY_SETTINGS_PATH,
  type ZuperClientOptions,
  type ZuperHooks,
  type ZuperResponseInfo,
} from './config.js';
export {
  ZuperError,
  ZuperApiError,
  ZuperSchemaError,
  ZuperCompanyNotFoundError,
  type ZuperErrorKind,
} from './errors.js';
export {
  ZUPER_PRODUCT_TYPES,
  type ZuperProduct,
  type ZuperProductLocation,
  type ZuperProductType,
} from './product-schema.js';
export type { ZuperProductInput, ZuperProductPatch } from './product-fields.js';
export type { ZuperProductFilters, ListProductsParams } from './products.js';
export type { ZuperCategory, ZuperCategoryInput } from './categories.js';
export type { ZuperLocation } from './locations.js';
export type { StockMoveInput, StockTransferInput, ZuperStockTransaction } from './stock.js';
export type { ZuperInvoice, ZuperInvoiceLine, ZuperInvoiceFilters } from './invoices.js';
export type { ZuperInventorySettings } from './settings.js';
export type { ZuperWebhook, ZuperWebhookInput } from './webhooks.js';
export type { Page } from './schemas.js';
