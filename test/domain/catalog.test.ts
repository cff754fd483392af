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
import { kindOfQboItem, kindOfZuperProduct, type ItemKind } from '../../domain/catalog/kinds.js';
import { comparableName, toQboName } from '../../domain/catalog/qbo-name.js';
import { changedFields, definitionFingerprint, type ItemDefinition } from '../../domain/catalog/definition.js';

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
    assert.equal(comparableName('Widget (deleted)'), 'widget');
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
        master: 'qbo',
        qbo: [
          entry('1', 'Kept'),
          entry('2', 'By Sku', { sku: 'SKU-2', quantity: 10 }),
          entry('3', 'by name', { categoryName: 'Pipes', quantity: 5 }),
          entry('4', 'New one'),
          entry('5', 'Bundle', { kind: { ok: false, reason: 'no bundles' } }),
        ],
        zuper: [
          entry('z1', 'Kept'),
          entry('z2', 'other name', { sku: 'sku-2', quantity: 3 }),
          entry('z3', 'BY NAME', { categoryName: 'pipes', quantity: 5 }),
          entry('z9', 'Only in Zuper'),
        ],
        links: [{ qboItemId: '1', zuperProductUid: 'z1' }],
      }),
    ];
    assert.deepEqual(actions, [
      { action: 'keep', qboItemId: '1', zuperProductUid: 'z1' },
      {
        action: 'link',
        qboItemId: '2',
        zuperProductUid: 'z2',
        by: 'sku',
        kind: 'inventory',
        quantityChange: { system: 'zuper', from: 3, to: 10 },
      },
      { action: 'link', qboItemId: '3', zuperProductUid: 'z3', by: 'name', kind: 'inventory', quantityChange: null },
      { action: 'create', in: 'zuper', fromId: '4', name: 'New one', kind: 'inventory' },
      { action: 'skip', system: 'qbo', id: '5', name: 'Bundle', reason: 'no bundles' },
      {
        action: 'skip',
        system: 'zuper',
        id: 'z9',
        name: 'Only in Zuper',
        reason: 'created in Zuper, which is not the product master; new items are only copied from QuickBooks',
      },
    ]);
  });

  it('refuses to guess between several items with the same name', () => {
    const actions = [
      ...planLinking({
        master: 'zuper',
        qbo: [entry('1', 'Valve', { categoryName: 'A' }), entry('2', 'valve', { categoryName: 'B' })],
        zuper: [entry('z1', 'Valve', { categoryName: 'C' })],
        links: [],
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
        const link = pairEntries('zuper', master, other, masterKind);
        assert.equal(link.kind, expected[masterKind][otherKind]);
        assert.deepEqual(
          link.quantityChange,
          link.kind === 'inventory' ? { system: 'qbo', from: 3, to: 7 } : null,
          'only a tracked link moves the other side to the master quantity',
        );
        assert.deepEqual([link.qboItemId, link.zuperProductUid], ['o', 'm']);
      });
    }
  }
  it('moves nothing when both quantities agree', () => {
    assert.equal(
      pairEntries('qbo', entry('q', 'q', { quantity: 4 }), entry('z', 'z', { quantity: 4 }), 'inventory')
        .quantityChange,
      null,
    );
  });
});

describe('definitionStep: changed in × master × linked', () => {
  const cases: [Parameters<typeof definitionStep>, ReturnType<typeof definitionStep>][] = [
    [['qbo', 'qbo', false], 'copy'],
    [['qbo', 'qbo', true], 'push'],
    [['zuper', 'zuper', false], 'copy'],
    [['zuper', 'zuper', true], 'push'],
    [['zuper', 'qbo', false], 'report-not-copied'],
    [['zuper', 'qbo', true], 'report-ignored'],
    [['qbo', 'zuper', false], 'report-not-copied'],
    [['qbo', 'zuper', true], 'report-ignored'],
  ];
  for (const [args, step] of cases) {
    it(`changed in ${args[0]}, master ${args[1]}, ${args[2] ? 'linked' : 'unlinked'} → ${step}`, () =>
      assert.equal(definitionStep(...args), step));
  }
});

describe('checkManualLink: the refusals of automatic linking, in order, then the link it would make', () => {
  const base: ManualLinkInput = {
    master: 'qbo',
    qbo: entry('5', '5', { quantity: 6 }),
    zuper: entry('zp', 'zp', { quantity: 2 }),
    qboLinkedTo: null,
    zuperLinkedTo: null,
  };
  const bundle = { ok: false as const, reason: 'Zuper bundles cannot be created in QuickBooks' };
  const cases: [string, Partial<ManualLinkInput>, { code: string; reason: RegExp } | null][] = [
    [
      'no QuickBooks item',
      { qbo: null, zuper: null },
      { code: 'qbo_item_missing', reason: /QuickBooks has no item 5/ },
    ],
    ['no Zuper product', { zuper: null }, { code: 'zuper_product_missing', reason: /Zuper has no product zp/ }],
    [
      'an unsupported Zuper type',
      { zuper: entry('zp', 'zp', { kind: bundle }) },
      { code: 'unsupported_type', reason: /bundles/ },
    ],
    [
      'linked to each other already',
      { qboLinkedTo: 'zp', zuperLinkedTo: '5' },
      { code: 'already_linked', reason: /are linked already/ },
    ],
    ['the item linked elsewhere', { qboLinkedTo: 'zq' }, { code: 'already_linked', reason: /to Zuper product zq/ }],
    [
      'the product linked elsewhere',
      { zuperLinkedTo: '9' },
      { code: 'already_linked', reason: /to QuickBooks item 9/ },
    ],
    ['both free and supported', {}, null],
  ];
  for (const [name, over, refusal] of cases) {
    it(name, () => {
      const check = checkManualLink({ ...base, ...over }, '5', 'zp');
      if (refusal) {
        assert.equal(check.ok, false);
        assert.equal(!check.ok && check.code, refusal.code);
        assert.match(!check.ok ? check.reason : '', refusal.reason);
      } else {
        assert.deepEqual(check, {
          ok: true,
          link: {
            qboItemId: '5',
            zuperProductUid: 'zp',
            kind: 'inventory',
            quantityChange: { system: 'zuper', from: 2, to: 6 },
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
