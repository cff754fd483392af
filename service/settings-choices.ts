import type { SettingChoice } from '../domain/connection-settings.js';
import type { AccountSetting } from '../integrations/connection-settings-choices.js';
import { systemSettingChoices } from '../integrations/connection-settings-choices.js';
import type { System } from '../domain/systems.js';
import type { AppContext } from './context.js';

export interface SettingsChoices {
  connectionId: string;
  /** The accounting side's system, whose account settings `accounts` offers (QuickBooks Online's, chosen by id). */
  accountingSystem: System;
  /** The field company's locations (not deleted), or null with why when it could not be read. */
  locations: SettingChoice[] | null;
  locationsProblem: string | null;
  /** Per account setting, the accounting company's active accounts of the right type, or null with why. */
  accounts: Record<AccountSetting, SettingChoice[]> | null;
  accountsProblem: string | null;
}

/**
 * What a connection's settings may be set to, read from the companies themselves: the locations a default location
 * can be, and the accounts of the type each account setting needs.
 */
export async function settingsChoices(ctx: AppContext, connectionId: string): Promise<SettingsChoices> {
  const connection = await ctx.store.connections.get(connectionId);
  const { locations, accounts } = await systemSettingChoices(ctx.clients, connection);
  return {
    connectionId,
    accountingSystem: connection.accountingSystem,
    locations: locations.choices,
    locationsProblem: locations.problem,
    accounts: accounts.choices,
    accountsProblem: accounts.problem,
  };
}
