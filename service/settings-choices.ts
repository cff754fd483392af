import { qboInventoryAccounts } from '../integrations/qbo/accounts.js';
import type { AppContext } from './context.js';

export interface Choice {
  value: string;
  label: string;
}

/** Which QBO account type each account setting takes (the types QuickBooks accepts on an inventory item). */
const accountTypes = {
  incomeAccountId: qboInventoryAccounts.income.accountType,
  cogsAccountId: qboInventoryAccounts.cogs.accountType,
  assetAccountId: qboInventoryAccounts.inventoryAsset.accountType,
  adjustmentAccountId: qboInventoryAccounts.adjustment.accountType,
} as const;

export type AccountSetting = keyof typeof accountTypes;

export interface SettingsChoices {
  connectionId: string;
  /** The Zuper company's locations (not deleted), or null with why when Zuper could not be read. */
  locations: Choice[] | null;
  locationsProblem: string | null;
  /** Per account setting, the QBO company's active accounts of the right type, or null with why. */
  accounts: Record<AccountSetting, Choice[]> | null;
  accountsProblem: string | null;
}

const problem = (system: string, error: unknown) =>
  `${system} could not be read (${error instanceof Error ? error.message : String(error)}); connect it first, or try again.`;

/**
 * What a connection's settings may be set to, read from the companies themselves: the Zuper locations a default
 * location can be, and the QuickBooks accounts of the type each account setting needs.
 */
export async function settingsChoices(ctx: AppContext, connectionId: string): Promise<SettingsChoices> {
  const connection = await ctx.store.connections.get(connectionId);
  const [locations, accounts] = await Promise.all([
    connection.hasZuperKey
      ? ctx.clients
          .zuper(connectionId)
          .then((zuper) => zuper.listLocations())
          .then(
            (all) => ({
              ok: all.filter((l) => !l.isDeleted).map((l) => ({ value: l.uid, label: l.name })),
              problem: null,
            }),
            (error: unknown) => ({ ok: null, problem: problem('Zuper', error) }),
          )
      : { ok: null, problem: 'Zuper is not connected: connect it to choose a location.' },
    connection.hasQboTokens
      ? ctx.clients
          .qbo(connectionId)
          .then((qbo) => qbo.listAccounts())
          .then(
            (all) => {
              const active = all.filter((a) => a.Active !== false);
              const byType = Object.fromEntries(
                Object.entries(accountTypes).map(([setting, type]) => [
                  setting,
                  active
                    .filter((a) => a.AccountType === type)
                    .map((a) => ({ value: a.Id, label: a.FullyQualifiedName ?? a.Name })),
                ]),
              ) as Record<AccountSetting, Choice[]>;
              return { ok: byType, problem: null };
            },
            (error: unknown) => ({ ok: null, problem: problem('QuickBooks', error) }),
          )
      : { ok: null, problem: 'QuickBooks is not connected: connect it to choose accounts.' },
  ]);
  return {
    connectionId,
    locations: locations.ok,
    locationsProblem: locations.problem,
    accounts: accounts.ok,
    accountsProblem: accounts.problem,
  };
}
