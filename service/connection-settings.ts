import { z } from 'zod';
import type { AppContext } from './context.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import { forgetResolvedSettings } from '../integrations/connection-sides.js';
import {
  connectionSettingsSchema,
  productMasterWords,
  type ConnectionSettings,
} from '../domain/connection-settings.js';
import { durationMs } from '../domain/duration.js';
import { storableText } from '../domain/input-rules.js';

const stored = connectionSettingsSchema.shape;
const accountId = storableText(64);
type AccountKey = keyof ConnectionSettings['accounts'];
const accountKeys = stored.accounts.unwrap().keyof().options;
const qbdAccountName = storableText(159).pipe(stored.qbdAccounts.unwrap().shape.income.unwrap());
const qbdAccountKeys = stored.qbdAccounts.unwrap().keyof().options;

/**
 * A change to a connection's settings: the fields of connectionSettingsSchema, each optional and without its default
 * (a field left out keeps its current value), no other field, and with the limits typed input keeps beyond what a
 * stored setting must be (text storable and bounded, quantities and the reconciliation interval in range).
 */
export const settingsChangeSchema = z
  .strictObject({
    ...stored,
    // Read against the connection's systems when the change is made (operator/configure-connection.ts).
    productMaster: z.enum(productMasterWords),
    defaultLocationUid: storableText(),
    minQuantity: stored.minQuantity.unwrap().max(1e9),
    nonInventoryQuantity: stored.nonInventoryQuantity.unwrap().min(-1e9).max(1e9),
    accounts: z
      .strictObject(
        Object.fromEntries(accountKeys.map((key) => [key, accountId])) as Record<AccountKey, typeof accountId>,
      )
      .partial(),
    qbdAccounts: z
      .strictObject(
        Object.fromEntries(qbdAccountKeys.map((key) => [key, qbdAccountName])) as Record<
          (typeof qbdAccountKeys)[number],
          typeof qbdAccountName
        >,
      )
      .partial(),
    qbdSite: storableText(31).pipe(stored.qbdSite.unwrap()),
    qboQuantityWrite: stored.qboQuantityWrite.unwrap(),
    reconcileEvery: stored.reconcileEvery
      .unwrap()
      .refine((v) => durationMs(v) >= 60_000, 'at least 1m: each run reads both whole catalogs')
      // Checked before the settings are saved: an interval Temporal's schedule cannot hold failed after saving them.
      .refine((v) => durationMs(v) <= 8760 * 3_600_000, 'at most 8760h (a year)'),
  })
  .partial();
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

/**
 * Saves validated settings and creates or updates the reconciliation schedule to match. Cached QuickBooks accounts
 * are forgotten, since they may have changed.
 */
export async function saveSettings(ctx: AppContext, connectionId: string, settings: ConnectionSettings): Promise<void> {
  await ctx.store.connections.saveSettings(connectionId, settings);
  forgetResolvedSettings(connectionId);
  await ensureReconcileSchedule(ctx.temporal, {
    connectionId,
    every: settings.reconcileEvery,
    taskQueue: ctx.workflows.taskQueue,
  });
}
