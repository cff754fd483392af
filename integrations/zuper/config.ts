/** Facts about a response, for a rate limiter shared across workers. */
export interface ZuperResponseInfo {
  method: string;
  status: number;
  throttled: boolean;
  durationMs: number;
  /** From `X-Rate-Limit-Remaining`, when Zuper sends it. */
  rateLimitRemaining?: number;
}

export interface ZuperHooks {
  /** Awaited before every HTTP request; the place to wait for a rate-limit token. */
  beforeRequest?(info: { kind: 'request' }): Promise<void>;
  /** Called after every HTTP response (not when no response arrived). */
  afterResponse?(info: ZuperResponseInfo): void;
}

export interface ZuperClientOptions {
  /** Data-centre API root ending in `/api`, e.g. `https://us-west-1c.zuperpro.com/api` (see discoverZuperApiUrl). */
  apiBaseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** Stock-location list route; the real path is unconfirmed. */
  locationListPath?: string;
  /** Inventory settings route; no public path is documented, so a 404 there means "unknown", not an error. */
  inventorySettingsPath?: string;
  /** Body field naming a sub-category's parent; the real name is unconfirmed. */
  categoryParentField?: string;
  /** Page size for list calls; Zuper's maximum is unconfirmed, 100 is known to work. */
  pageSize?: number;
  hooks?: ZuperHooks;
}

export const DEFAULT_ACCOUNTS_URL = 'https://accounts.zuperpro.com';
export const DEFAULT_TIMEOUT_MS = 25_000;
export const DEFAULT_LOCATION_LIST_PATH = '/products/location';
export const DEFAULT_CATEGORY_PARENT_FIELD = 'parent_category_uid';
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_INVENTORY_SETTINGS_PATH = '/settings/inventory';
