import { z } from 'zod';
import { defaultFaultSettings, faultSettingsSchema } from '../common/faults.js';
import { webhookDeliverySettingsSchema } from '../common/webhook-dispatcher.js';
import { companySettingsSchema, defaultCompanySettings } from './company-settings.js';
import { deepMerge, type DeepPartial } from './deep-merge.js';
import { invoiceStatuses } from './invoices/invoice-statuses.js';
import { defaultWebhookEvents, webhookEventTableSchema } from './webhooks/webhook-triggers.js';

const errorBodySchema = z.record(z.string(), z.unknown());

/**
 * Emulator-wide behaviour. Most switches exist because the real behaviour is UNCONFIRMED
 * (docs/zuper-behaviour.md, "Still unknown"); defaults are the emulator's best guess.
 */
export const zuperEmulatorSettingsSchema = z.strictObject({
  auth: z.strictObject({
    unauthorizedStatus: z.number().int().min(400).max(499),
    unauthorizedBody: errorBodySchema,
    /** Status for a read-only key on a non-GET call (401 or 403 in the wild). */
    readOnlyStatus: z.union([z.literal(401), z.literal(403)]),
    readOnlyBody: errorBodySchema,
  }),
  discovery: z.strictObject({
    unknownCompanyStatus: z.number().int().min(400).max(599),
    unknownCompanyBody: errorBodySchema,
    dcName: z.string(),
    dcProvider: z.string(),
    dcCountry: z.string(),
    /** Overrides `config.dc_api_url`; null derives it from the request's Host header. */
    dcApiUrl: z.string().nullable(),
  }),
  /** Status for an unknown (or deleted, see below) record uid. */
  notFoundStatus: z.number().int().min(400).max(499),
  /** Whether GET on a soft-deleted invoice uid returns the record (with is_deleted) or not-found. */
  deletedRecordGet: z.enum(['return', 'not_found']),
  /** The same for a product: recorded live as not-found ("Invalid Product UID"). */
  deletedProductGet: z.enum(['return', 'not_found']),
  paging: z.strictObject({
    /** Largest `count` honoured on GET lists; null: no cap. */
    maxCount: z.number().int().positive().nullable(),
    overMaxCount: z.enum(['clamp', 'reject']),
  }),
  routes: z.strictObject({
    /** The data-centre quirk: `GET /product` answers 404 and the list is served at `GET /products`. */
    productListPlural: z.boolean(),
    /** Path (under /api) of the stock-location list; null: not served. */
    locationListPath: z.string().startsWith('/').nullable(),
    /** Path (under /api) of the inventory org-settings read; null: 404, the product must cope. */
    orgSettingsPath: z.string().startsWith('/').nullable(),
    /** Also serve the category routes under the singular `/product/category`. */
    categorySingularAlias: z.boolean(),
    /** Where webhook management (`/service/notifications/webhook…`, `/webhook…`) lives: under /api or at the root. */
    webhookManagementAt: z.enum(['api', 'root']),
  }),
  products: z.strictObject({
    /** PUT with location_availability: replace the whole list, or merge entries by location. */
    locationAvailabilityOnPut: z.enum(['replace', 'merge']),
    /** PUT location entry without a `quantity` key: keep the stored quantity, or reset it to 0. */
    omittedLocationQuantityOnPut: z.enum(['keep', 'reset']),
    /** Whether PUT may add a location the product was not stocked at ("location cannot be changed" in the UI). */
    putMayAddLocations: z.boolean(),
    /** Whether a PUT that changes per-location quantities writes INWARD/OUTWARD transaction rows. */
    putWritesTransactions: z.boolean(),
    /** Inward/outward/transfer on a SERVICE or track_quantity:false product: 400, or accepted without moving stock. */
    untrackedTransaction: z.enum(['reject', 'ignore']),
  }),
  categories: z.strictObject({
    /** Body/record field holding the parent category uid (sub-categories; real name unknown). */
    parentField: z.string().min(1),
    /** Category name length limit (26 in an older help article); null: unlimited. */
    maxNameLength: z.number().int().positive().nullable(),
  }),
  stock: z.strictObject({
    /** Title and message of the 400 when a move would take a location below 0 and negatives are off. */
    negativeStockMessage: z.string().min(1),
  }),
  consumption: z.strictObject({
    /** When an invoice starts consuming: at create, or when it first reaches this status. */
    trigger: z.union([z.literal('CREATE'), z.enum(invoiceStatuses)]),
    editAppliesDifference: z.boolean(),
    deleteRestores: z.boolean(),
    cancelRestores: z.boolean(),
    recoverConsumesAgain: z.boolean(),
    /** Whether consumption/restoration also writes OUTWARD/INWARD transaction rows. */
    writesTransactions: z.boolean(),
  }),
  invoices: z.strictObject({
    /** Create response: `data.invoice_uid`, or the documented bare `{}`. */
    createResponse: z.enum(['invoice_uid', 'empty']),
  }),
  webhooks: z.strictObject({
    /** Event names fired per trigger (real names unknown); an empty list fires nothing. */
    events: webhookEventTableSchema,
    delivery: webhookDeliverySettingsSchema,
  }),
  rateLimit: z.strictObject({
    enabled: z.boolean(),
    /** Nominal window length; the per-company limit is `rate_limit_per_minute` per window. */
    windowMs: z.number().positive(),
  }),
  faults: faultSettingsSchema,
  /** Settings given to companies created without explicit ones. */
  companyDefaults: companySettingsSchema,
});
export type ZuperEmulatorSettings = z.infer<typeof zuperEmulatorSettingsSchema>;
export type ZuperSettingsPatch = DeepPartial<ZuperEmulatorSettings>;

export function defaultZuperSettings(): ZuperEmulatorSettings {
  return {
    auth: {
      unauthorizedStatus: 401,
      unauthorizedBody: { type: 'error', title: 'Unauthorized', message: 'Invalid API Key' },
      readOnlyStatus: 403,
      readOnlyBody: { type: 'error', title: 'Forbidden', message: 'API Key has read-only access' },
    },
    discovery: {
      unknownCompanyStatus: 400,
      unknownCompanyBody: { type: 'error', title: 'Invalid Company', message: 'Company not found' },
      dcName: 'emulator-1a',
      dcProvider: 'LOCAL',
      dcCountry: 'EMULATOR',
      dcApiUrl: null,
    },
    notFoundStatus: 404,
    deletedRecordGet: 'return',
    deletedProductGet: 'not_found',
    paging: { maxCount: null, overMaxCount: 'clamp' },
    routes: {
      productListPlural: false,
      locationListPath: '/products/location',
      orgSettingsPath: '/settings/inventory',
      categorySingularAlias: false,
      webhookManagementAt: 'api',
    },
    products: {
      locationAvailabilityOnPut: 'merge',
      omittedLocationQuantityOnPut: 'keep',
      putMayAddLocations: true,
      putWritesTransactions: false,
      untrackedTransaction: 'reject',
    },
    categories: { parentField: 'parent_category_uid', maxNameLength: null },
    stock: { negativeStockMessage: 'Insufficient quantity in the selected location' },
    consumption: {
      trigger: 'CREATE',
      editAppliesDifference: true,
      deleteRestores: true,
      cancelRestores: true,
      recoverConsumesAgain: true,
      writesTransactions: true,
    },
    invoices: { createResponse: 'invoice_uid' },
    webhooks: {
      events: defaultWebhookEvents(),
      delivery: {
        retryScheduleMs: [60_000, 300_000, 900_000],
        responseTimeoutMs: 15_000,
        duplicateRate: 0,
        dropRate: 0,
        reorderRate: 0,
      },
    },
    rateLimit: { enabled: true, windowMs: 60_000 },
    faults: defaultFaultSettings(),
    companyDefaults: defaultCompanySettings(),
  };
}

/** Free-form response bodies: a patch replaces them whole instead of merging into them. */
const replacedWhole = new Set(['auth.unauthorizedBody', 'auth.readOnlyBody', 'discovery.unknownCompanyBody']);

/** Applies a (deep) patch and validates the result; throws a ZodError on bad input. */
export function applySettingsPatch(current: ZuperEmulatorSettings, patch: unknown): ZuperEmulatorSettings {
  return zuperEmulatorSettingsSchema.parse(deepMerge(current, patch, replacedWhole));
}
