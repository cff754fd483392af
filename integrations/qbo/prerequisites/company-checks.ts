import type { QboCompanyInfo, QboInventoryPreferences } from '../company.js';
import type { QboSettings } from '../connection-settings.js';
import type { PrerequisiteCheck } from '../../../domain/prerequisites.js';
import { qboPrerequisite } from './check.js';

const { check } = qboPrerequisite;

export function categoriesCheck(info: QboCompanyInfo): PrerequisiteCheck {
  if (info.itemCategoriesEnabled)
    return check('qbo-categories', 'passed', `Categories are on in "${info.companyName}".`);
  return check(
    'qbo-categories',
    'failed',
    `"${info.companyName}" does not use product categories, so Zuper categories cannot be copied to QuickBooks.`,
    'QuickBooks offers no API to turn categories on. As a QuickBooks admin, open Sales → Products and services → More → ' +
      'Manage categories and accept the switch to categories (companies still using sub-products must switch), then run the checks again.',
  );
}

/** The QuickBooks switches behind Preferences.ProductAndServicesPrefs, by their names in Account and settings. */
const inventorySwitches: [keyof QboInventoryPreferences, string][] = [
  ['trackQuantityOnHand', 'Track inventory quantity on hand'],
  ['quantityWithPriceAndRate', 'Track quantity and price/rate'],
  ['forSales', 'Show Product/Service column on sales forms'],
  ['forPurchase', 'Show Product/Service column on expense and purchase forms'],
];

export function quantityTrackingCheck(prefs: QboInventoryPreferences): PrerequisiteCheck {
  const off = inventorySwitches.filter(([key]) => !prefs[key]).map(([, label]) => `"${label}"`);
  if (off.length === 0)
    return check('qbo-quantity-tracking', 'passed', 'QuickBooks tracks inventory quantities on hand.');
  return check(
    'qbo-quantity-tracking',
    'failed',
    `QuickBooks cannot keep inventory quantities: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off.`,
    `In QuickBooks Online open Settings (gear) → Account and settings → Sales → Products and services, turn on ${off.join(' and ')}, ` +
      'and Save. Inventory tracking needs QuickBooks Online Plus or Advanced.',
  );
}

const qtyOnHandCost =
  'QuickBooks then records each change as an "Inventory Qty Adjust" on the item instead of an inventory adjustment ' +
  'carrying our movement reference and note; the quantity is written as an absolute value from a fresh read, so a sale ' +
  'posted in QuickBooks at the same moment makes the write fail and retry (nothing is lost, it costs extra API calls), and ' +
  "a reply lost in transit relies on QuickBooks' request-id replay rather than a document the sync can look up.";

/** InventoryAdjustment (QtyDiff movements) exists for US companies only; elsewhere QtyOnHand must be written. */
export function inventoryAdjustmentCheck(
  info: QboCompanyInfo,
  settings: QboSettings | null,
  connectionId: string,
): PrerequisiteCheck {
  const mode = settings?.quantityWrite ?? 'inventory-adjustment';
  const switchMode = `qzsync configure ${connectionId} --qbo-quantity-write qty-on-hand`;
  if (info.country === 'US') {
    return check(
      'qbo-inventory-adjustment',
      'passed',
      'US company: quantity changes are written as inventory adjustments.',
    );
  }
  if (mode === 'qty-on-hand') {
    return check(
      'qbo-inventory-adjustment',
      'passed',
      `Not needed: this connection writes QtyOnHand${info.country ? ` (company in ${info.country}, where inventory adjustments are unavailable)` : ''}.`,
    );
  }
  if (!info.country) {
    return check(
      'qbo-inventory-adjustment',
      'unknown',
      'QuickBooks did not say which country the company is in; inventory adjustments exist for US companies only.',
      `If the company is outside the US, run \`${switchMode}\`. ${qtyOnHandCost}`,
    );
  }
  return check(
    'qbo-inventory-adjustment',
    'failed',
    `The company is in ${info.country}: QuickBooks offers inventory adjustments to US companies only, so quantity changes cannot be written the configured way.`,
    `Run \`${switchMode}\`. ${qtyOnHandCost}`,
  );
}
