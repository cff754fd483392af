import type { SettingChoice } from '../domain/connection-settings.js';
import type { QboAccountSetting } from './qbo/connection-settings.js';
import type { Connection } from '../storage/repositories/connections.js';
import type { SystemClients } from './connection-sides.js';
import { accountChoices } from './qbo/settings-choices.js';
import { locationChoices } from './zuper/settings-choices.js';

/** An account setting whose choices are read from the company: the accounts chosen by id. */
export type AccountSetting = QboAccountSetting;

/** A setting's choices, or null with why when its system could not be read. */
type Read<T> = { choices: T; problem: null } | { choices: null; problem: string };

/** The choices of the settings that name something in a company, each read from the system that holds it. */
export interface SystemSettingChoices {
  /** Where the field side keeps stock: the default location. */
  locations: Read<SettingChoice[]>;
  /** The accounts the accounting side posts new items and adjustments to, per account setting. */
  accounts: Read<Record<AccountSetting, SettingChoice[]>>;
}

const readOrProblem = async <T>(system: string, read: () => Promise<T>): Promise<Read<T>> => {
  try {
    return { choices: await read(), problem: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { choices: null, problem: `${system} could not be read (${why}); connect it first, or try again.` };
  }
};

export async function systemSettingChoices(
  clients: SystemClients,
  connection: Connection,
): Promise<SystemSettingChoices> {
  const [locations, accounts] = await Promise.all([
    connection.hasZuperKey
      ? readOrProblem('Zuper', async () => locationChoices(await clients.zuper(connection.id)))
      : { choices: null, problem: 'Zuper is not connected: connect it to choose a location.' },
    connection.hasQboTokens
      ? readOrProblem('QuickBooks', async () => accountChoices(await clients.qbo(connection.id)))
      : { choices: null, problem: 'QuickBooks is not connected: connect it to choose accounts.' },
  ]);
  return { locations, accounts };
}
