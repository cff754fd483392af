import { readConnectionSettings } from '../../connection-settings.js';
import { isAuthFailure, settleCall as settle, type PrerequisiteCheck } from '../../../domain/prerequisites.js';
import type { Connection } from '../../../storage/repositories/connections.js';
import type { QboClient } from '../client.js';
import { qboSettingsOf } from '../connection-settings.js';
import { accountsCheck } from './accounts-check.js';
import { qboPrerequisite } from './check.js';
import { categoriesCheck, inventoryAdjustmentCheck, quantityTrackingCheck } from './company-checks.js';
import { qboCredentials, qboRealmOf } from '../credentials.js';

const { check, fromError: checkFromError, needsConnection } = qboPrerequisite;

/** QuickBooks prerequisites: one cheap read proves the authorisation, then preferences and accounts in parallel. */
export async function qboPrerequisites(
  connection: Connection,
  client: () => Promise<QboClient>,
): Promise<PrerequisiteCheck[]> {
  const dependents = ['qbo-categories', 'qbo-quantity-tracking', 'qbo-accounts', 'qbo-inventory-adjustment'] as const;
  const realmId = qboRealmOf(connection);
  if (!realmId || !qboCredentials.isConnected(connection)) {
    return [
      check(
        'qbo-authorised',
        'failed',
        'QuickBooks is not connected to this connection.',
        `Run \`qzsync connect qbo ${connection.id}\` and open the link it prints in a browser.`,
      ),
      ...dependents.map((id) => needsConnection(id, 'QuickBooks')),
    ];
  }
  const qbo = await client();
  const info = await settle(() => qbo.getCompanyInfo());
  if (!info.ok && isAuthFailure(info.error)) {
    return [
      checkFromError('qbo-authorised', 'QuickBooks', info.error),
      ...dependents.map((id) => needsConnection(id, 'QuickBooks')),
    ];
  }
  const [prefs, accounts] = await Promise.all([settle(() => qbo.getPreferences()), settle(() => qbo.listAccounts())]);
  const settings = qboSettingsOf(readConnectionSettings(connection));
  return [
    info.ok
      ? check('qbo-authorised', 'passed', `Connected to "${info.value.companyName}" (company ${realmId}).`)
      : checkFromError('qbo-authorised', 'QuickBooks', info.error),
    info.ok ? categoriesCheck(info.value) : checkFromError('qbo-categories', 'QuickBooks', info.error),
    prefs.ok ? quantityTrackingCheck(prefs.value) : checkFromError('qbo-quantity-tracking', 'QuickBooks', prefs.error),
    accounts.ok
      ? accountsCheck(accounts.value, settings, connection.id)
      : checkFromError('qbo-accounts', 'QuickBooks', accounts.error),
    info.ok
      ? inventoryAdjustmentCheck(info.value, settings, connection.id)
      : checkFromError('qbo-inventory-adjustment', 'QuickBooks', info.error),
  ];
}
