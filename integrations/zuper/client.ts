import { createCategoriesApi } from './categories.js';
import {
  DEFAULT_CATEGORY_PARENT_FIELD,
  DEFAULT_INVENTORY_SETTINGS_PATH,
  DEFAULT_LOCATION_LIST_PATH,
  DEFAULT_PAGE_SIZE,
  DEFAULT_TIMEOUT_MS,
  type ZuperClientOptions,
} from './config.js';
import { createZuperTransport } from './http-transport.js';
import { createInvoicesApi } from './invoices.js';
import { createLocationsApi } from './locations.js';
import { createProductsApi } from './products.js';
import { createSettingsApi } from './settings.js';
import { createStockApi } from './stock.js';
import { createWebhooksApi } from './webhooks.js';

/** One Zuper company's API, for real Zuper or the emulator alike: only the base URL and key differ. */
export function createZuperClient(options: ZuperClientOptions) {
  const transport = createZuperTransport({
    baseUrl: options.apiBaseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    ...createProductsApi(transport, pageSize),
    ...createCategoriesApi(transport, pageSize, options.categoryParentField ?? DEFAULT_CATEGORY_PARENT_FIELD),
    ...createLocationsApi(transport, pageSize, options.locationListPath ?? DEFAULT_LOCATION_LIST_PATH),
    ...createStockApi(transport, pageSize),
    ...createInvoicesApi(transport),
    ...createSettingsApi(transport, options.inventorySettingsPath ?? DEFAULT_INVENTORY_SETTINGS_PATH),
    ...createWebhooksApi(transport, pageSize),
  };
}

export type ZuperClient = ReturnType<typeof createZuperClient>;
