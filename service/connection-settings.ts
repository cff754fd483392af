import { z } from 'zod';
import type { AppContext } from './context.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import { forgetResolvedSettings } from '../integrations/connection-sides.js';
import { productMasterWords, sharedSettingsSchema } from '../domain/connection-settings.js';
import { flatSettingsChange, storableSettings, type ConnectionSettings } from '../integrations/connection-settings.js';
import { durationMs } from '../domain/duration.js';

const shared = sharedSettingsSchema.shape;

/**
 * A change to a connection's settings: the settings every connection has, each optional and without its default (a
 * field left out keeps its current value), each side's own as `accounting: {…}` and `field: {…}` (checked against the
 * side's system when the change is made, operator/configure-connection.ts), and every system's settings under the
 * top-level names they had before settings were per side (`qboQuantityWrite`, `accounts`, `qbdAccounts`, `qbdSite`,
 * `defaultLocationUid`); no other field. Typed input keeps limits beyond what a stored setting must be (text
 * storable and bounded, quantities and the reconciliation interval in range).
 */
export const settingsChangeSchema = z
  .strictObject({
    ...flatSettingsChange,
    // Read against the connection's systems when the change is made (operator/configure-connection.ts).
    productMaster: z.enum(productMasterWords),
    minQuantity: shared.minQuantity.unwrap().max(1e9),
    nonInventoryQuantity: shared.nonInventoryQuantity.unwrap().min(-1e9).max(1e9),
    reconcileEvery: shared.reconcileEvery
      .unwrap()
      .refine((v) => durationMs(v) >= 60_000, 'at least 1m: each run reads both whole catalogs')
      // Checked before the settings are saved: an interval Temporal's schedule cannot hold failed after saving them.
      .refine((v) => durationMs(v) <= 8760 * 3_600_000, 'at most 8760h (a year)'),
    accounting: z.record(z.string(), z.unknown()),
    field: z.record(z.string(), z.unknown()),
  })
  .partial();
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

/**
 * Saves validated settings and creates or updates the reconciliation schedule to match. What the sides resolved
 * from them (accounts, a site) is forgotten, since it may have changed.
 */
export async function saveSettings(ctx: AppContext, connectionId: string, settings: ConnectionSettings): Promise<void> {
  await ctx.store.connections.saveSettings(connectionId, storableSettings(settings));
  forgetResolvedSettings(connectionId);
  await ensureReconcileSchedule(ctx.temporal, {
    connectionId,
    every: settings.reconcileEvery,
    taskQueue: ctx.workflows.taskQueue,
  });
}
