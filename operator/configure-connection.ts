import type { AppContext } from '../service/context.js';
import { saveSettings, type SettingsChange } from '../service/connection-settings.js';
import { reconcileSchedule } from '../client/schedules.js';
import { connectionSettingsSchema } from '../domain/connection-settings.js';
import type { Configured } from './contract/connect.js';
import { parseInput } from './parse-input.js';
import { scheduleView } from './schedule-view.js';

/**
 * Merges the change into the current settings, validates the whole, saves it with its reconciliation schedule
 * (saveSettings), and answers the settings with the schedule as Temporal now holds it.
 */
export async function configureConnection(
  ctx: AppContext,
  connectionId: string,
  change: SettingsChange,
): Promise<Configured> {
  const current = (await ctx.store.connections.get(connectionId)).settings;
  const qbdAccounts = current?.qbdAccounts ?? change.qbdAccounts;
  const settings = parseInput(connectionSettingsSchema, {
    ...current,
    ...change,
    accounts: { ...current?.accounts, ...change.accounts },
    // Only connections that have named a QuickBooks Desktop account hold the field, so no default fills it in.
    ...(qbdAccounts ? { qbdAccounts: { ...current?.qbdAccounts, ...change.qbdAccounts } } : {}),
  });
  await saveSettings(ctx, connectionId, settings);
  const schedule = scheduleView(await reconcileSchedule(ctx.temporal, connectionId).describe());
  return { connectionId, settings, schedule };
}
