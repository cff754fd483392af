import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseMatch,
  pairEntries,
  planLinking,
  type Candidates,
  type CatalogEntry,
} from '../../domain/catalog/matching.js';
import { checkManualLink, type ManualLinkInput } from '../../domain/catalog/manual-link.js';
import { definitionStep } from '../../domain/catalog/definition-step.js';
import { isSystem, systemLabel } from '../../domain/systems.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import { linkActionOf } from '../../domain/recorded-shapes/link-action.js';
import { olderLinkActions } from '../support/older-link-actions.js';
import { kindOfQboItem } from '../../integrations/qbo/item-kinds.js';
import { kindOfZuperProduct } from '../../integrations/zuper/item-kinds.js';
import { toQboName } from '../../integrations/qbo/item-name.js';
import { qboCatalogEntry } from '../../integrations/qbo/catalog-side.js';
import { changedFields, definitionFingerprint, type ItemDefinition } from '../../domain/catalog/definition.js';

const labels = { accounting: 'QuickBooks', field: 'Zuper' };

const entry = (id: string, name: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  name,
  sku: null,
  categoryName: null,
  kind: { ok: true, kind: 'inventory' },
  active: true,
  quantity: 0,
  ...extra,
});

describe('type mapping', () => {
  it('maps QBO types and Zuper types both ways and refuses bundles', () => {
    assert.deepEqual(kindOfQboItem('Inventory'), { ok: true, kind: 'inventory' });
    assert.deepEqual(kindOfQboItem('NonInventory'), { ok: true, kind: 'noninventory' });
    assert.equal(kindOfQboItem('Group').ok, false);
    assert.deepEqual(kindOfZuperProduct('PARTS', true), { ok: true, kind: 'inventory' });
    assert.deepEqual(kindOfZuperProduct('PRODUCT', false), { ok: true, kind: 'noninventory' });
    assert.deepEqual(kindOfZuperProduct('LABOR SERVICE', false), { ok: true, kind: 'service' });
    const bundle = kindOfZuperProduct('BUNDLE', false);
    assert.equal(bundle.ok, false);
    assert.match(bundle.ok ? '' : bundle.reason, /bundles cannot be created in QuickBooks/);
  });
});

describe('QBO names', () => {
  it('removes colons, tabs and newlines and cuts to 100 characters', () => {
    assert.deepEqual(toQboName('Pipe: 1/2"\tcopper\n'), { ok: true, name: 'Pipe- 1/2" copper', changed: true });
    const long = toQboName('x'.repeat(150));
    assert.equal(long.ok && long.name.length, 100);
    assert.equal(toQboName(' \t\n ').ok, false);
  });

  it('hands linking an inactive item under the name it had, without the suffix QuickBooks adds', () => {
    const item = { Id: '7', Name: 'Widget (deleted)', Type: 'Inventory', Active: false, QtyOnHand: 0 };
    const actions = [
      ...planLinking({
        master: 'field',
        catalogs: {
          accounting: [qboCatalogEntry(item as Parameters<typeof qboCatalogEntry>[0])],
          field: [entry('z1', 'widget')],
        },
        links: [],
        labels,
      }),
    ];
    assert.deepEqual(actions[0], {
      action: 'link',
      accountingItemId: '7',
      fieldItemId: 'z1',
      by: 'name',
      kind: 'inventory',
      quantityChange: null,
    });
  });
});

describe('definitions', () => {
  const def: ItemDefinition = {
    kind: 'inventory',
    name: 'A',
    sku: 'S',
    description: '',
    price: 1,
    cost: null,
    categoryId: null,
    active: true,
  };
  it('reports only fields that really differ', () => {
    assert.deepEqual(changedFields(def, { ...def, description: '  ', cost: 0 }), []);
    assert.deepEqual(changedFields(def, { ...def, name: 'B', price: 2, active: false }), ['name', 'price', 'active']);
    assert.notEqual(definitionFingerprint(def), definitionFingerprint({ ...def, sku: 'T' }));
  });
});

describe('initial linking', () => {
  it('links by stored link, then SKU, then name within category, and creates the rest in the other system', () => {
    const actions = [
      ...planLinking({
        master: 'accounting',
        catalogs: {
          accounting: [
            entry('1', 'Kept'),
            entry('2', 'By Sku', { sku: 'SKU-2', quantity: 10 }),
            entry('3', 'by name', { categoryName: 'Pipes', quantity: 5 }),
            entry('4', 'New one'),
            entry('5', 'Bundle', { kind: { ok: false, reason: 'no bundles' } }),
          ],
          field: [
            entry('z1', 'Kept'),
            entry('z2', 'other name', { sku: 'sku-2', quantity: 3 }),
            entry('z3', 'BY NAME', { categoryName: 'pipes', quantity: 5 }),
            entry('z9', 'Only in Zuper'),
          ],
        },
        links: [{ accountingItemId: '1', fieldItemId: 'z1' }],
        labels: { accounting: 'QuickBooks Desktop', field: 'Zuper' },
      }),
    ];
    assert.deepEqual(actions, [
      { action: 'keep', accountingItemId: '1', fieldItemId: 'z1' },
      {
        action: 'link',
        accountingItemId: '2',
        fieldItemId: 'z2',
        by: 'sku',
        kind: 'inventory',
        quantityChange: { side: 'field', from: 3, to: 10 },
      },
      {
        action: 'link',
        accountingItemId: '3',
        fieldItemId: 'z3',
        by: 'name',
        kind: 'inventory',
        quantityChange: null,
      },
      { action: 'create', in: 'field', fromId: '4', name: 'New one', kind: 'inventory' },
      { action: 'skip', side: 'accounting', id: '5', name: 'Bundle', reason: 'no bundles' },
      {
        action: 'skip',
        side: 'field',
        id: 'z9',
        name: 'Only in Zuper',
        reason: 'created in Zuper, which is not the product master; new items are only copied from QuickBooks Desktop',
      },
    ]);
  });

  it('refuses to guess between several items with the same name', () => {
    const actions = [
      ...planLinking({
        master: 'field',
        catalogs: {
          accounting: [entry('1', 'Valve', { categoryName: 'A' }), entry('2', 'valve', { categoryName: 'B' })],
          field: [entry('z1', 'Valve', { categoryName: 'C' })],
        },
        links: [],
        labels,
      }),
    ];
    assert.equal(actions[0]?.action, 'skip');
    assert.match(actions[0]?.action === 'skip' ? actions[0].reason : '', /2 items in QuickBooks match/);
  });
});

const [a, b, c] = [entry('a', 'a'), entry('b', 'b'), entry('c', 'c')];

describe('chooseMatch: the first rule that applies decides', () => {
  const cases: [string, Partial<Candidates>, ReturnType<typeof chooseMatch>][] = [
    ['one SKU match links by SKU', { sku: [a] }, { choice: 'link', match: a, by: 'sku' }],
    [
      'a SKU match wins over a name match',
      { sku: [a], name: [b], sameCategory: [b] },
      { choice: 'link', match: a, by: 'sku' },
    ],
    [
      'several SKU matches are ambiguous, whatever the names',
      { sku: [a, b], name: [c] },
      { choice: 'ambiguous', count: 2 },
    ],
    [
      'one name match in the same category links by name',
      { name: [a, b], sameCategory: [b] },
      { choice: 'link', match: b, by: 'name' },
    ],
    ['one name match anywhere links by name', { name: [a] }, { choice: 'link', match: a, by: 'name' }],
    [
      'several name matches, none alone in the category, are ambiguous',
      { name: [a, b, c], sameCategory: [a, b] },
      { choice: 'ambiguous', count: 3 },
    ],
    ['nothing matches: create', {}, { choice: 'create' }],
  ];
  for (const [name, given, expected] of cases) {
    it(name, () => assert.deepEqual(chooseMatch({ sku: [], name: [], sameCategory: [], ...given }), expected));
  }
});

describe('pairEntries: the kind a link takes and the quantity it moves', () => {
  const kinds: ItemKind[] = ['inventory', 'noninventory', 'service'];
  const expected: Record<ItemKind, Record<ItemKind, ItemKind>> = {
    inventory: { inventory: 'inventory', noninventory: 'noninventory', service: 'service' },
    noninventory: { inventory: 'noninventory', noninventory: 'noninventory', service: 'noninventory' },
    service: { inventory: 'service', noninventory: 'service', service: 'service' },
  };
  for (const masterKind of kinds) {
    for (const otherKind of kinds) {
      it(`master ${masterKind} × other ${otherKind} → ${expected[masterKind][otherKind]}`, () => {
        const master = entry('m', 'm', { kind: { ok: true, kind: masterKind }, quantity: 7 });
        const other = entry('o', 'o', { kind: { ok: true, kind: otherKind }, quantity: 3 });
        const link = pairEntries('field', master, other, masterKind);
        assert.equal(link.kind, expected[masterKind][otherKind]);
        assert.deepEqual(
          link.quantityChange,
          link.kind === 'inventory' ? { side: 'accounting', from: 3, to: 7 } : null,
          'only a tracked link moves the other side to the master quantity',
        );
        assert.deepEqual([link.accountingItemId, link.fieldItemId], ['o', 'm']);
      });
    }
  }
  it('moves nothing when both quantities agree', () => {
    assert.equal(
      pairEntries('accounting', entry('q', 'q', { quantity: 4 }), entry('z', 'z', { quantity: 4 }), 'inventory')
        .quantityChange,
      null,
    );
  });
});

describe('definitionStep: changed in × master × linked', () => {
  const cases: [Parameters<typeof definitionStep>, ReturnType<typeof definitionStep>][] = [
    [['accounting', 'accounting', false], 'copy'],
    [['accounting', 'accounting', true], 'push'],
    [['field', 'field', false], 'copy'],
    [['field', 'field', true], 'push'],
    [['field', 'accounting', false], 'report-not-copied'],
    [['field', 'accounting', true], 'report-ignored'],
    [['accounting', 'field', false], 'report-not-copied'],
    [['accounting', 'field', true], 'report-ignored'],
  ];
  for (const [args, step] of cases) {
    it(`changed in ${args[0]}, master ${args[1]}, ${args[2] ? 'linked' : 'unlinked'} → ${step}`, () =>
      assert.equal(definitionStep(...args), step));
  }
});

describe('checkManualLink: the refusals of automatic linking, in order, then the link it would make', () => {
  const item = entry('5', '5', { quantity: 6 });
  const product = entry('zp', 'zp', { quantity: 2 });
  const base: ManualLinkInput = {
    master: 'accounting',
    entries: { accounting: item, field: product },
    linkedTo: { accounting: null, field: null },
    recordNames: { accounting: 'QuickBooks Desktop item', field: 'Zuper product' },
  };
  const bundle = { ok: false as const, reason: 'Zuper bundles cannot be created in QuickBooks' };
  const cases: [string, Partial<ManualLinkInput>, { code: string; reason: RegExp } | null][] = [
    [
      'no accounting item',
      { entries: { accounting: null, field: null } },
      { code: 'accounting_item_missing', reason: /^QuickBooks Desktop item 5 does not exist/ },
    ],
    [
      'no field item',
      { entries: { accounting: item, field: null } },
      { code: 'field_item_missing', reason: /^Zuper product zp does not exist/ },
    ],
    [
      'an unsupported field type',
      { entries: { accounting: item, field: entry('zp', 'zp', { kind: bundle }) } },
      { code: 'unsupported_type', reason: /bundles/ },
    ],
    [
      'linked to each other already',
      { linkedTo: { accounting: 'zp', field: '5' } },
      { code: 'already_linked', reason: /are linked already/ },
    ],
    [
      'the item linked elsewhere',
      { linkedTo: { accounting: 'zq', field: null } },
      { code: 'already_linked', reason: /^QuickBooks Desktop item 5 is linked already, to Zuper product zq/ },
    ],
    [
      'the product linked elsewhere',
      { linkedTo: { accounting: null, field: '9' } },
      { code: 'already_linked', reason: /^Zuper product zp is linked already, to QuickBooks Desktop item 9/ },
    ],
    ['both free and supported', {}, null],
  ];
  for (const [name, over, refusal] of cases) {
    it(name, () => {
      const check = checkManualLink({ ...base, ...over }, { accountingItemId: '5', fieldItemId: 'zp' });
      if (refusal) {
        assert.equal(check.ok, false);
        assert.equal(!check.ok && check.code, refusal.code);
        assert.match(!check.ok ? check.reason : '', refusal.reason);
      } else {
        assert.deepEqual(check, {
          ok: true,
          link: {
            accountingItemId: '5',
            fieldItemId: 'zp',
            kind: 'inventory',
            quantityChange: { side: 'field', from: 2, to: 6 },
          },
        });
      }
    });
  }
});

describe('system labels', () => {
  it('names each system as its users know it, and nothing else', () => {
    assert.deepEqual([systemLabel('qbo'), systemLabel('zuper')], ['QuickBooks', 'Zuper']);
    assert.deepEqual(['qbo', 'zuper', 'toString', 'QBO'].map(isSystem), [true, true, false, false]);
  });
});

describe('linkActionOf: plans stored before the sides were named read in the current shape', () => {
  for (const [name, older, current] of olderLinkActions) {
    it(name, () => {
      assert.deepEqual(linkActionOf(older), current);
      assert.deepEqual(linkActionOf(current), current, 'a current action reads as it is');
    });
  }
});
