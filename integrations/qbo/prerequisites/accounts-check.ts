import type { QboAccount } from '../schemas/account.js';
import type { QboSettings } from '../connection-settings.js';
import { matchAccount, standardAccountNames, type QboAccounts } from '../account-resolver.js';
import type { PrerequisiteCheck } from '../../../domain/prerequisites.js';
import { qboPrerequisite } from './check.js';

const { check } = qboPrerequisite;

const roles: Record<keyof QboAccounts, { label: string; flag: string }> = {
  incomeAccountId: { label: 'income', flag: '--income-account' },
  cogsAccountId: { label: 'cost of goods sold', flag: '--cogs-account' },
  assetAccountId: { label: 'inventory asset', flag: '--asset-account' },
  adjustmentAccountId: { label: 'inventory adjustment', flag: '--adjustment-account' },
};

/** The accounts new inventory items and adjustments use: the configured ids, else the standard names (as the sync resolves them). */
export function accountsCheck(
  accounts: QboAccount[],
  settings: QboSettings | null,
  connectionId: string,
): PrerequisiteCheck {
  const configured = settings?.accounts ?? {};
  const found: string[] = [];
  const missing: { problem: string; flag: string }[] = [];
  for (const key of Object.keys(roles) as (keyof QboAccounts)[]) {
    const { label, flag } = roles[key];
    const wanted = configured[key];
    const standard = standardAccountNames[key];
    const match = matchAccount(accounts, key, configured);
    if (match) found.push(`${label}: "${match.Name}" (${match.Id})`);
    else if (wanted)
      missing.push({
        problem: `the ${label} account ${wanted} configured for this connection does not exist or is inactive`,
        flag,
      });
    else
      missing.push({
        problem: `there is no active ${standard.accountType} account named "${standard.name}" for ${label}`,
        flag,
      });
  }
  if (missing.length === 0) return check('qbo-accounts', 'passed', `Found ${found.join('; ')}.`);
  return check(
    'qbo-accounts',
    'failed',
    `QuickBooks items cannot be created or adjusted: ${missing.map((m) => m.problem).join('; ')}.`,
    `Create the missing account in QuickBooks (Accounting → Chart of accounts), or choose an existing one: ` +
      `\`qzsync configure ${connectionId} ${missing.map((m) => `${m.flag} <account id>`).join(' ')}\`.`,
  );
}
