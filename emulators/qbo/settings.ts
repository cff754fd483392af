import { z } from 'zod';
import { defaultFaultSettings, faultSettingsSchema } from '../common/faults.js';

const hour = 3600_000;
const minute = 60_000;

/** Every runtime switch of the emulator. UNCONFIRMED real behaviours are switches with the most likely default. */
export const qboEmulatorSettingsSchema = z.object({
  faults: faultSettingsSchema,
  oauth: z.object({
    accessTokenTtlSec: z.number().int().positive(),
    /** Rolling refresh-token lifetime (reset whenever a refresh token is issued). */
    refreshTokenTtlSec: z.number().int().positive(),
    /** Maximum total refresh-token validity (5 years). */
    refreshTokenHardTtlSec: z.number().int().positive(),
    /** A refresh returns a new refresh token once the current one is this old (nominal ms; 0 = every refresh). */
    refreshTokenRotateAfterMs: z.number().min(0),
    /** How long a superseded refresh token keeps working (UNCONFIRMED: immediate vs 24 h). */
    refreshTokenGraceMs: z.number().min(0),
    /** Company the authorize page connects to; null = the first realm (one is created if none exists). */
    authorizeRealmId: z.string().regex(/^\d+$/).nullable(),
  }),
  auth: z.object({
    /** Answer 401/403 with the lowercase API-gateway body instead of the standard `Fault`. */
    gatewayFaultFormat: z.boolean(),
  }),
  items: z.object({
    /** Rename inactivated items to `<Name> (deleted)` (UNCONFIRMED for items). */
    deletedNameSuffix: z.boolean(),
  }),
  inventory: z.object({
    /** Transactions that move QtyOnHand also bump the Item's SyncToken/LastUpdatedTime and emit an Item webhook. */
    saleBumpsItem: z.boolean(),
    /** Reject lines whose Amount differs from Qty × UnitPrice. */
    enforceLineAmount: z.boolean(),
  }),
  reads: z.object({
    /** HTTP status of the 610 fault for an unknown id on a read (UNCONFIRMED: 400 vs 404). */
    notFoundStatus: z.union([z.literal(400), z.literal(404)]),
    /** HTTP status of the code-500 "Unsupported Operation" fault for a path QBO does not serve (recorded: 400). */
    unsupportedPathStatus: z.union([z.literal(400), z.literal(404)]),
  }),
  query: z.object({
    /** Fault code of "Invalid query" / QueryValidationError (UNCONFIRMED, probably 4001). */
    validationErrorCode: z.string().regex(/^\d+$/),
  }),
  cdc: z.object({
    /** Reject changedSince older than 30 days (a 2018 sandbox recording accepted older dates). */
    enforce30DayWindow: z.boolean(),
    maxObjects: z.number().int().positive(),
    /** Whether CDC reports InventoryAdjustment (UNCONFIRMED); the query endpoint serves it either way. */
    inventoryAdjustment: z.boolean(),
  }),
  batch: z.object({
    maxItems: z.number().int().positive(),
  }),
  requestId: z.object({
    /** Process a repeated requestid again instead of replaying the stored response. */
    brokenDedupe: z.boolean(),
  }),
  webhooks: z.object({
    /** Nominal time events are collected before one POST per app (production: 1-5 min; tests: 0). */
    batchWindowMs: z.number().min(0),
    /** Put events of several companies in one POST (UNCONFIRMED). */
    multiRealmBatches: z.boolean(),
    /** Collapse several events for the same entity within a window into the latest one. */
    coalesce: z.boolean(),
    maxEventsPerPost: z.number().int().positive(),
    retryScheduleMs: z.array(z.number().min(0)),
    responseTimeoutMs: z.number().positive(),
    duplicateRate: z.number().min(0).max(1),
    dropRate: z.number().min(0).max(1),
    reorderRate: z.number().min(0).max(1),
    cloudEventsContentType: z.enum(['application/json', 'application/cloudevents+json']),
    /** Operation reported when an Item is made inactive (UNCONFIRMED). */
    itemInactivationOperation: z.enum(['Update', 'Delete']),
  }),
  throttle: z.object({
    enabled: z.boolean(),
    requestsPerMinute: z.number().int().positive(),
    /** `inFlight`: at most `concurrentLimit` unanswered requests; `perSecond`: at most that many per second. */
    concurrencyMode: z.enum(['inFlight', 'perSecond']),
    concurrentLimit: z.number().int().positive(),
    batchesPerMinute: z.number().int().positive(),
    /** Seconds for a Retry-After header on 429, or null for none (UNCONFIRMED; none seen in fixtures). */
    retryAfterSeconds: z.number().int().min(0).nullable(),
    bodyFormat: z.enum(['json', 'xml']),
  }),
});
export type QboEmulatorSettings = z.infer<typeof qboEmulatorSettingsSchema>;

const groups = qboEmulatorSettingsSchema.shape;

/** Each group may be given partially; unknown keys are rejected. */
export const qboSettingsPatchSchema = z
  .object({
    faults: groups.faults.partial().strict().optional(),
    oauth: groups.oauth.partial().strict().optional(),
    auth: groups.auth.partial().strict().optional(),
    items: groups.items.partial().strict().optional(),
    inventory: groups.inventory.partial().strict().optional(),
    reads: groups.reads.partial().strict().optional(),
    query: groups.query.partial().strict().optional(),
    cdc: groups.cdc.partial().strict().optional(),
    batch: groups.batch.partial().strict().optional(),
    requestId: groups.requestId.partial().strict().optional(),
    webhooks: groups.webhooks.partial().strict().optional(),
    throttle: groups.throttle.partial().strict().optional(),
  })
  .strict();
export type QboSettingsPatch = z.infer<typeof qboSettingsPatchSchema>;

export function defaultQboSettings(): QboEmulatorSettings {
  return {
    faults: defaultFaultSettings(),
    oauth: {
      accessTokenTtlSec: 3600,
      refreshTokenTtlSec: 8_726_400,
      refreshTokenHardTtlSec: 5 * 365 * 24 * 3600,
      refreshTokenRotateAfterMs: 24 * hour,
      refreshTokenGraceMs: 0,
      authorizeRealmId: null,
    },
    auth: { gatewayFaultFormat: false },
    items: { deletedNameSuffix: false },
    inventory: { saleBumpsItem: false, enforceLineAmount: true },
    reads: { notFoundStatus: 400, unsupportedPathStatus: 400 },
    query: { validationErrorCode: '4001' },
    cdc: { enforce30DayWindow: true, maxObjects: 1000, inventoryAdjustment: true },
    batch: { maxItems: 30 },
    requestId: { brokenDedupe: false },
    webhooks: {
      batchWindowMs: 0,
      multiRealmBatches: false,
      coalesce: false,
      maxEventsPerPost: 100,
      retryScheduleMs: [10_000, 20_000, 30_000, 5 * minute, 20 * minute, 2 * hour, 4 * hour, 6 * hour],
      responseTimeoutMs: 3000,
      duplicateRate: 0,
      dropRate: 0,
      reorderRate: 0,
      cloudEventsContentType: 'application/json',
      itemInactivationOperation: 'Update',
    },
    throttle: {
      enabled: true,
      requestsPerMinute: 500,
      concurrencyMode: 'inFlight',
      concurrentLimit: 10,
      batchesPerMinute: 40,
      retryAfterSeconds: null,
      bodyFormat: 'json',
    },
  };
}

/** Applies a validated patch group by group; returns a new object. */
export function mergeSettings(base: QboEmulatorSettings, patch: QboSettingsPatch): QboEmulatorSettings {
  const next = structuredClone(base);
  for (const key of Object.keys(patch) as (keyof QboEmulatorSettings)[]) {
    Object.assign(next[key], patch[key] ?? {});
  }
  return qboEmulatorSettingsSchema.parse(next);
}
