import type { ZuperInventorySettings } from '../settings.js';
import type { ZuperLocation } from '../locations.js';
import type { PrerequisiteCheck } from '../../../domain/prerequisites.js';
import { zuperPrerequisite } from './check.js';

const { check } = zuperPrerequisite;

const settingsPage = 'In Zuper open Settings → Modules → Parts & Services → Parts & Services Settings';

/** "Allow negative stock balance?" and "Choose module to track Part Consumption"; null: Zuper would not tell. */
export function zuperInventoryChecks(settings: ZuperInventorySettings | null): PrerequisiteCheck[] {
  if (!settings) {
    const unreadable = 'Zuper does not let this service read its inventory settings, so this could not be confirmed.';
    return [
      check(
        'zuper-negative-stock',
        'unknown',
        unreadable,
        `${settingsPage} and confirm "Allow negative stock balance?" is Yes.`,
      ),
      check(
        'zuper-invoice-consumption',
        'unknown',
        unreadable,
        `${settingsPage} and confirm "Choose module to track Part Consumption" is Invoice.`,
      ),
    ];
  }
  return [
    settings.allowNegativeStock
      ? check('zuper-negative-stock', 'passed', 'Zuper allows negative stock balances, as QuickBooks does.')
      : check(
          'zuper-negative-stock',
          'failed',
          'Zuper refuses to take a location below zero, so a sale recorded in QuickBooks that exceeds Zuper stock could not be copied and quantities would stop agreeing.',
          `${settingsPage} and set "Allow negative stock balance?" to Yes.`,
        ),
    settings.consumptionModule === 'INVOICE'
      ? check('zuper-invoice-consumption', 'passed', 'Zuper consumes stock when parts are invoiced.')
      : check(
          'zuper-invoice-consumption',
          'failed',
          `Zuper consumes stock on ${settings.consumptionModule === 'NONE' ? 'nothing' : `${settings.consumptionModule.toLowerCase()}s`}, not on invoices, so parts used on Zuper invoices would not reduce QuickBooks stock.`,
          `${settingsPage} and set "Choose module to track Part Consumption" to Invoice.`,
        ),
  ];
}

/** The configured default location must exist and not be deleted; the fix names the ones that do. */
export function defaultLocationCheck(
  locations: ZuperLocation[],
  defaultLocationUid: string | null,
  connectionId: string,
): PrerequisiteCheck {
  const live = locations.filter((l) => !l.isDeleted);
  const shown = live.slice(0, 10).map((l) => `"${l.name}" (${l.uid})`);
  if (live.length > shown.length) shown.push(`and ${live.length - shown.length} more`);
  const choices = live.length
    ? `Choose one of: ${shown.join(', ')}`
    : 'Create a location in Zuper under Settings → Modules → Parts & Services → Parts & Services Locations';
  const fix = `${choices}, then run \`qzsync configure ${connectionId} --default-location <uid>\`.`;
  if (!defaultLocationUid) return check('zuper-default-location', 'failed', 'No default location is configured.', fix);
  const match = live.find((l) => l.uid === defaultLocationUid);
  if (match) return check('zuper-default-location', 'passed', `"${match.name}" (${match.uid}).`);
  const deleted = locations.some((l) => l.uid === defaultLocationUid);
  return check(
    'zuper-default-location',
    'failed',
    `The default location ${defaultLocationUid} ${deleted ? 'was deleted in Zuper' : 'does not exist in Zuper'}: items copied from QuickBooks and QuickBooks-originated changes have nowhere to go.`,
    fix,
  );
}
