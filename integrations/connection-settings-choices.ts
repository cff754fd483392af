import type { SettingChoice } from '../domain/connection-settings.js';
import { systemLabel, type System } from '../domain/systems.js';
import type { QboAccountSetting } from './qbo/connection-settings.js';
import type { QbdAccountSetting } from './qbd/connection-settings.js';
import type { Connection } from '../storage/repositories/connections.js';
import type { SystemClients } from './connection-sides.js';
import { accountChoices } from './qbo/settings-choices.js';
import { locationChoices } from './zuper/settings-choices.js';

/** An account setting whose choices are read from the company: the accounts chosen by id. */
export type AccountSetting = QboAccountSetting;

/** QuickBooks Desktop's account settings, given by full name rather than chosen, with what each role is for. */
export type { QbdAccountSetting };
export { qbdAccountRoles } from './qbd/accounts.js';

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

/**
 * The choices each side's system offers, read from the system on that side: a side whose system is not connected, or
 * whose settings are not chosen from a list (QuickBooks Desktop's accounts are named by full name, and reading its
 * chart of accounts waits for a Web Connector session), answers why instead.
 */
export async function systemSettingChoices(
  clients: SystemClients,
  connection: Connection,
): Promise<SystemSettingChoices> {
  const connected = (system: System) => connection.connectedSystems.includes(system);
  const notConnected = (system: System, toChoose: string) => ({
    choices: null,
    problem: `${systemLabel(system)} is not connected: connect it to choose ${toChoose}.`,
  });
  const { accountingSystem: accounting, fieldSystem: field } = connection;
  const [locations, accounts] = await Promise.all([
    connected(field)
      ? readOrProblem(systemLabel(field), async () => locationChoices(await clients.zuper(connection.id)))
      : notConnected(field, 'a location'),
    accounting !== 'qbo'
      ? {
          choices: null,
          problem: `${systemLabel(accounting)} accounts are given by their full name, not chosen from a list.`,
        }
      : connected(accounting)
        ? readOrProblem(systemLabel(accounting), async () => accountChoices(await clients.qbo(connection.id)))
        : notConnected(accounting, 'accounts'),
  ]);
  return { locations, accounts };
}
