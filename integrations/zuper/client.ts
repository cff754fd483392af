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
import { hostRootOf, transportWithRouteFallback } from './route-fallback.js';

/** One Zuper company's API, for real Zuper or the emulator alike: only the base URL and key differ. */
export function createZuperClient(options: ZuperClientOptions) {
  const transportAt = (baseUrl: string) =>
    createZuperTransport({
      baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  const transport = transportAt(options.apiBaseUrl);
  // Whether webhook management lives under /api or at the host root is not settled: either is followed.
  const webhookTransport = transportWithRouteFallback(transport, transportAt(hostRootOf(options.apiBaseUrl)));
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    ...createProductsApi(transport, pageSize),
    ...createCategoriesApi(transport, pageSize, options.categoryParentField ?? DEFAULT_CATEGORY_PARENT_FIELD),
    ...createLocationsApi(transport, pageSize, options.locationListPath ?? DEFAULT_LOCATION_LIST_PATH),
    ...createStockApi(transport, pageSize),
    ...createInvoicesApi(transport),
    ...createSettingsApi(transport, options.inventorySettingsPath ?? DEFAULT_INVENTORY_SETTINGS_PATH),
    ...createWebhooksApi(webhookTransport, pageSize),
  };
}

export type ZuperClient = ReturnType<typeof createZuperClient>;
