import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingsChangeSchema } from '../../service/connection-settings.js';
import { applySideChange, settingsNotKept } from '../../integrations/connection-settings.js';

const issue = (value: unknown) => {
  const parsed = settingsChangeSchema.safeParse(value);
  return parsed.success ? null : `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
};

test('a settings change holds only the fields it names: no default fills in one left out', () => {
  assert.deepEqual(settingsChangeSchema.parse({}), {});
  assert.deepEqual(settingsChangeSchema.parse({ accounts: { cogsAccountId: '7' } }), {
    accounts: { cogsAccountId: '7' },
  });
  assert.deepEqual(settingsChangeSchema.parse({ productMaster: 'zuper', qboQuantityWrite: 'qty-on-hand' }), {
    productMaster: 'zuper',
    qboQuantityWrite: 'qty-on-hand',
  });
});

test('a settings change names the product master by side or by system; the connection resolves the system', () => {
  for (const word of ['accounting', 'field', 'qbo', 'qbd', 'zuper'])
    assert.deepEqual(settingsChangeSchema.parse({ productMaster: word }), { productMaster: word });
});

test('a settings change takes no field the settings do not have, at the top or among the accounts', () => {
  assert.match(issue({ master: 'qbo' }) ?? '', /^: Unrecognized key/);
  assert.match(issue({ accounts: { incomeAccount: '1' } }) ?? '', /^accounts: Unrecognized key/);
});

test('a settings change keeps the limits of typed input beyond those of stored settings', () => {
  assert.equal(issue({ reconcileEvery: '30s' }), 'reconcileEvery: at least 1m: each run reads both whole catalogs');
  assert.equal(issue({ reconcileEvery: '8761h' }), 'reconcileEvery: at most 8760h (a year)');
  assert.match(issue({ minQuantity: 2e9 }) ?? '', /^minQuantity: Too big/);
  assert.match(issue({ minQuantity: -1 }) ?? '', /^minQuantity: Too small/);
  assert.match(issue({ nonInventoryQuantity: -2e9 }) ?? '', /^nonInventoryQuantity: Too small/);
  assert.match(issue({ defaultLocationUid: 'a\u0000b' }) ?? '', /^defaultLocationUid: must not contain control/);
  assert.match(issue({ accounts: { assetAccountId: 'x'.repeat(65) } }) ?? '', /^accounts\.assetAccountId: Too big/);
  assert.equal(
    issue({ productMaster: 'both' }),
    'productMaster: Invalid option: expected one of "accounting"|"field"|"qbo"|"qbd"|"zuper"',
  );
});

test('QuickBooks Desktop accounts are full names QuickBooks Desktop can hold', () => {
  assert.deepEqual(settingsChangeSchema.parse({ qbdAccounts: { serviceIncome: 'Income:Labour' } }), {
    qbdAccounts: { serviceIncome: 'Income:Labour' },
  });
  const segment = 'an account name of 32 characters';
  assert.equal(segment.length, 32);
  for (const name of [`Income:${segment}`, 'Income::Labour', 'Income: Labour', '', `${'Income:'.repeat(23)}x`])
    assert.match(issue({ qbdAccounts: { income: name } }) ?? '', /^qbdAccounts\.income: /, name);
  assert.match(issue({ qbdAccounts: { incomeAccount: 'Sales' } }) ?? '', /^qbdAccounts: Unrecognized key/);
});

test('a QuickBooks Desktop site is a name of 1 to 31 characters QuickBooks Desktop can hold, or nothing to unset it', () => {
  assert.deepEqual(settingsChangeSchema.parse({ qbdSite: 'Van 1' }), { qbdSite: 'Van 1' });
  assert.deepEqual(settingsChangeSchema.parse({ qbdSite: '' }), { qbdSite: null });
  assert.deepEqual(settingsChangeSchema.parse({ qbdSite: null }), { qbdSite: null });
  for (const name of ['x'.repeat(32), ' Van 1', 'Van\u00001'])
    assert.match(issue({ qbdSite: name }) ?? '', /^qbdSite: /, JSON.stringify(name));
  assert.match(issue({ qbdSite: 'x'.repeat(32) }) ?? '', /^qbdSite: Too big: expected string to have <=31 characters/);
});

const qbdConnection = { accountingSystem: 'qbd', fieldSystem: 'zuper' } as const;
const qboConnection = { accountingSystem: 'qbo', fieldSystem: 'zuper' } as const;

test("a side's change, given per side or under the older names, becomes its system's settings", () => {
  const current = { system: 'qbd', accounts: { income: 'Sales' }, site: 'Van 1' } as const;
  assert.deepEqual(
    applySideChange(qbdConnection, 'accounting', current, {
      flat: { qbdAccounts: { cogs: 'COGS' } },
      given: undefined,
    }),
    { settings: { system: 'qbd', accounts: { income: 'Sales', cogs: 'COGS' }, site: 'Van 1' } },
  );
  assert.deepEqual(applySideChange(qbdConnection, 'accounting', current, { flat: {}, given: { site: 'Van 2' } }), {
    settings: { system: 'qbd', accounts: { income: 'Sales' }, site: 'Van 2' },
  });
  for (const unset of [
    { flat: { qbdSite: null }, given: undefined },
    { flat: {}, given: { site: '' } },
  ])
    assert.deepEqual(applySideChange(qbdConnection, 'accounting', current, unset), {
      settings: { system: 'qbd', accounts: { income: 'Sales' } },
    });
  assert.deepEqual(
    applySideChange(qboConnection, 'field', undefined, { flat: { defaultLocationUid: 'L1' }, given: undefined }),
    { settings: { system: 'zuper', defaultLocationUid: 'L1' } },
  );
});

test("a side's change given per side is checked against the side's system, naming the field", () => {
  assert.deepEqual(applySideChange(qboConnection, 'accounting', undefined, { flat: {}, given: { site: 'Van 1' } }), {
    problem: {
      field: 'accounting',
      message: `accounting: Unrecognized key: "site" (QuickBooks settings: the connection's accounting system)`,
    },
  });
  const wrongWrite = applySideChange(qboConnection, 'accounting', undefined, {
    flat: {},
    given: { quantityWrite: 'sometimes' },
  });
  assert.equal('problem' in wrongWrite && wrongWrite.problem.field, 'accounting.quantityWrite');
});

test('settings under the older names of a system the connection lacks are taken and not kept, each saying why', () => {
  assert.deepEqual(settingsNotKept(qbdConnection, { qboQuantityWrite: 'qty-on-hand', qbdSite: 'Van 1' }), [
    'qboQuantityWrite: a QuickBooks setting, and this connection has QuickBooks Desktop and Zuper',
  ]);
  assert.deepEqual(settingsNotKept(qboConnection, { accounts: {}, defaultLocationUid: 'L1' }), []);
});
