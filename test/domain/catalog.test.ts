import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planLinking, type CatalogEntry } from '../../domain/catalog/matching.js';
import { kindOfQboItem, kindOfZuperProduct } from '../../domain/catalog/kinds.js';
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
    const actions = planLinking({
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
    });
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
    const actions = planLinking({
      master: 'zuper',
      qbo: [entry('1', 'Valve', { categoryName: 'A' }), entry('2', 'valve', { categoryName: 'B' })],
      zuper: [entry('z1', 'Valve', { categoryName: 'C' })],
      links: [],
    });
    assert.equal(actions[0]?.action, 'skip');
    assert.match(actions[0]?.action === 'skip' ? actions[0].reason : '', /2 items in QuickBooks match/);
  });
});
