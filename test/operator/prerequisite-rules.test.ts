import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountsCheck } from '../../integrations/qbo/prerequisites/accounts-check.js';
import {
  categoriesCheck,
  inventoryAdjustmentCheck,
  quantityTrackingCheck,
} from '../../integrations/qbo/prerequisites/company-checks.js';
import { defaultLocationCheck, zuperInventoryChecks } from '../../integrations/zuper/prerequisites/settings-checks.js';
import { zuperPrerequisite } from '../../integrations/zuper/prerequisites/check.js';
import { qboSettingsOf } from '../../integrations/qbo/connection-settings.js';
import { settingsFromFlat } from '../support/settings.js';
import { ZuperApiError } from '../../integrations/zuper/errors.js';
import type { QboAccount } from '../../integrations/qbo/schemas/account.js';

const company = { id: '1', companyName: 'Sandbox', country: 'US', itemCategoriesEnabled: true };
const prefs = { trackQuantityOnHand: true, forSales: true, forPurchase: true, quantityWithPriceAndRate: true };
const settings = (over: Record<string, unknown> = {}) =>
  qboSettingsOf(settingsFromFlat({ productMaster: 'qbo', defaultLocationUid: 'L1', ...over }));
const account = (Id: string, Name: string, Active = true): QboAccount => ({
  Id,
  SyncToken: '0',
  Name,
  FullyQualifiedName: undefined,
  AccountType: 'x',
  AccountSubType: undefined,
  Classification: undefined,
  Active,
});
const standard = [
  account('79', 'Sales of Product Income'),
  account('80', 'Cost of Goods Sold'),
  account('81', 'Inventory Asset'),
  account('82', 'Inventory Shrinkage'),
];

describe('QuickBooks company checks', () => {
  it('categories: passes when the feature is on, fails with how to switch otherwise', () => {
    assert.equal(categoriesCheck(company).status, 'passed');
    const off = categoriesCheck({ ...company, itemCategoriesEnabled: false });
    assert.equal(off.status, 'failed');
    assert.match(off.fix ?? '', /Manage categories/);
  });

  it('quantity tracking names every switch that is off', () => {
    assert.equal(quantityTrackingCheck(prefs).status, 'passed');
    const off = quantityTrackingCheck({ ...prefs, trackQuantityOnHand: false, forPurchase: false });
    assert.equal(off.status, 'failed');
    assert.match(
      off.detail,
      /"Track inventory quantity on hand", "Show Product\/Service column on expense and purchase forms" are off/,
    );
    assert.match(off.fix ?? '', /Account and settings → Sales → Products and services/);
  });

  it('inventory adjustments: US passes; elsewhere fails unless QtyOnHand writes are configured, with the cost', () => {
    assert.equal(inventoryAdjustmentCheck(company, settings(), 'acme').status, 'passed');
    const ca = inventoryAdjustmentCheck({ ...company, country: 'CA' }, settings(), 'acme');
    assert.equal(ca.status, 'failed');
    assert.match(ca.fix ?? '', /qzsync configure acme --qbo-quantity-write qty-on-hand/);
    assert.match(ca.fix ?? '', /Inventory Qty Adjust/);
    assert.equal(
      inventoryAdjustmentCheck({ ...company, country: 'CA' }, settings({ qboQuantityWrite: 'qty-on-hand' }), 'acme')
        .status,
      'passed',
    );
    const { country: _, ...unknownCountry } = company;
    assert.equal(inventoryAdjustmentCheck(unknownCountry, settings(), 'acme').status, 'unknown');
  });
});

describe('QuickBooks accounts check', () => {
  it('finds the standard names and reports each account found', () => {
    const c = accountsCheck(standard, settings(), 'acme');
    assert.equal(c.status, 'passed');
    assert.match(c.detail, /income: "Sales of Product Income" \(79\)/);
  });

  it('lists every missing or inactive account with the flag that chooses another', () => {
    const c = accountsCheck([standard[0]!, account('81', 'Inventory Asset', false)], settings(), 'acme');
    assert.equal(c.status, 'failed');
    assert.match(c.detail, /no active Cost of Goods Sold account named "Cost of Goods Sold"/);
    assert.match(c.detail, /"Inventory Asset" for inventory asset/);
    assert.match(
      c.fix ?? '',
      /qzsync configure acme --cogs-account <account id> --asset-account <account id> --adjustment-account <account id>/,
    );
  });

  it('uses configured ids instead of names, failing on an id that does not exist', () => {
    const configured = settings({ accounts: { incomeAccountId: '99' } });
    const c = accountsCheck(standard, configured, 'acme');
    assert.equal(c.status, 'failed');
    assert.match(c.detail, /the income account 99 configured for this connection does not exist/);
    assert.equal(accountsCheck([...standard, account('99', 'Parts Income')], configured, 'acme').status, 'passed');
  });
});

describe('Zuper checks', () => {
  it('inventory settings: pass, fail with the setting to change, or unknown with where to confirm', () => {
    assert.deepEqual(
      zuperInventoryChecks({ allowNegativeStock: true, consumptionModule: 'INVOICE' }).map((c) => c.status),
      ['passed', 'passed'],
    );
    const [negative, consumption] = zuperInventoryChecks({ allowNegativeStock: false, consumptionModule: 'JOB' });
    assert.equal(negative?.status, 'failed');
    assert.match(negative?.fix ?? '', /"Allow negative stock balance\?" to Yes/);
    assert.equal(consumption?.status, 'failed');
    assert.match(consumption?.detail ?? '', /on jobs, not on invoices/);
    const unknown = zuperInventoryChecks(null);
    assert.deepEqual(
      unknown.map((c) => c.status),
      ['unknown', 'unknown'],
    );
    assert.match(unknown[1]?.fix ?? '', /Parts & Services Settings.*Invoice/);
  });

  it('default location: passes for a live one, fails for a deleted or unknown one listing the choices', () => {
    const locations = [
      { uid: 'L1', name: 'Main', type: 'WAREHOUSE', isDeleted: false },
      { uid: 'L2', name: 'Old', type: 'WAREHOUSE', isDeleted: true },
    ];
    assert.equal(defaultLocationCheck(locations, 'L1', 'acme').status, 'passed');
    const deleted = defaultLocationCheck(locations, 'L2', 'acme');
    assert.equal(deleted.status, 'failed');
    assert.match(deleted.detail, /was deleted in Zuper/);
    assert.match(
      deleted.fix ?? '',
      /Choose one of: "Main" \(L1\), then run `qzsync configure acme --default-location <uid>`/,
    );
    assert.match(defaultLocationCheck(locations, 'L9', 'acme').detail, /does not exist in Zuper/);
    assert.equal(defaultLocationCheck(locations, null, 'acme').detail, 'No default location is configured.');
    const many = Array.from({ length: 12 }, (_, i) => ({
      uid: `U${i}`,
      name: `Van ${i}`,
      type: 'VAN',
      isDeleted: false,
    }));
    assert.match(defaultLocationCheck(many, 'L9', 'acme').fix ?? '', /"Van 9" \(U9\), and 2 more, then run/);
  });
});

describe('a check whose call failed (fromError)', () => {
  const apiError = (kind: 'auth' | 'server') =>
    new ZuperApiError({
      kind,
      httpStatus: kind === 'auth' ? 401 : 503,
      title: 'T',
      message: 'M',
      endpoint: 'GET /product',
      writeMayHaveLanded: false,
    });

  it('fails on refused credentials and is unknown on outages, keeping the explanation and fix', () => {
    const refused = zuperPrerequisite.fromError('zuper-authorised', 'Zuper', apiError('auth'));
    assert.equal(refused.status, 'failed');
    assert.match(refused.fix ?? '', /Developer Hub → API Keys/);
    const outage = zuperPrerequisite.fromError('zuper-authorised', 'Zuper', apiError('server'));
    assert.equal(outage.status, 'unknown');
    assert.match(outage.detail, /^Could not ask Zuper: Zuper had an internal error/);
  });
});
