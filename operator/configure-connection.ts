import { z } from 'zod';
import type { AppContext } from '../service/context.js';
import { ensureReconcileSchedule, reconcileSchedule } from '../client/schedules.js';
import { forgetQboAccounts } from '../activities/catalog/qbo-accounts.js';
import { connectionSettingsSchema } from '../domain/connection-settings.js';
import { durationMs } from '../domain/duration.js';
import { storableText } from '../domain/input-rules.js';
import type { Configured } from './contract/connect.js';
import { parseInput } from './parse-input.js';
import { scheduleView } from './schedule-view.js';

const accountId = storableText(64);

/** A change to a connection's settings; fields left out keep their current value. */
export const settingsChangeSchema = z.strictObject({
  productMaster: z.enum(['qbo', 'zuper']).optional(),
  defaultLocationUid: storableText().optional(),
  minQuantity: z.number().min(0).max(1e9).optional(),
  nonInventoryQuantity: z.number().min(-1e9).max(1e9).optional(),
  accounts: z
    .strictObject({
      incomeAccountId: accountId.optional(),
      cogsAccountId: accountId.optional(),
      assetAccountId: accountId.optional(),
      adjustmentAccountId: accountId.optional(),
    })
    .optional(),
  qboQuantityWrite: z.enum(['inventory-adjustment', 'qty-on-hand']).optional(),
  reconcileEvery: z
    .string()
    // abort: the refinements below cannot read a value that is not a duration (zod runs them otherwise).
    .regex(/^\d+(s|m|h)$/, { message: 'a duration such as 15m or 1h', abort: true })
    .refine((v) => durationMs(v) >= 60_000, 'at least 1m: each run reads both whole catalogs')
    // Checked before the settings are saved: an interval Temporal's schedule cannot hold failed after saving them.
    .refine((v) => durationMs(v) <= 8760 * 3_600_000, 'at most 8760h (a year)')
    .optional(),
});
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

/**
 * Merges the change into the current settings, validates the whole, saves it, and creates or updates the
 * reconciliation schedule to match. Cached QuickBooks accounts are forgotten, since they may have changed.
 */
export async function configureConnection(
  ctx: AppContext,
  connectionId: string,
  change: SettingsChange,
): Promise<Configured> {
  const current = (await ctx.store.connections.get(connectionId)).settings;
  const settings = parseInput(connectionSettingsSchema, {
    ...current,
    ...change,
    accounts: { ...current?.accounts, ...change.accounts },
  });
  await ctx.store.connections.saveSettings(connectionId, settings);
  forgetQboAccounts(connectionId);
  await ensureReconcileSchedule(ctx.temporal, {
    connectionId,
    every: settings.reconcileEvery,
    taskQueue: ctx.workflows.taskQueue,
  });
  const schedule = scheduleView(await reconcileSchedule(ctx.temporal, connectionId).describe());
  return { connectionId, settings, schedule };
}
