// The catalog activities ask capabilities, not vendors: a side without item categories is written without them and
// told so, whatever system it is. The sides here are in-memory implementations of the port, as a third system would
// be; the store is the service's own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemDefinition } from '../../domain/catalog/definition.js';
import { settingsFromFlat } from '../support/settings.js';
import { storableSettings } from '../../integrations/connection-settings.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import type { Side } from '../../domain/sides.js';
import type { System } from '../../domain/systems.js';
import type { CatalogItem, ConnectionSides, NewItem, SidePort } from '../../integrations/port.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { Store } from '../../integrations/store.js';
import { copyItem } from '../../activities/catalog/copy-item.js';
import { pushDefinition } from '../../activities/catalog/push-definition.js';
import { testDatabases, withTestStore } from '../support/databases.js';

const definition = (categoryId: string | null, name = 'Valve'): ItemDefinition => ({
  kind: 'inventory',
  name,
  sku: 'V-1',
  description: '',
  price: 5,
  cost: 2,
  categoryId,
  active: true,
});

const catalogItem = (def: ItemDefinition, onHand: number): CatalogItem => ({
  entry: {
    id: 'unused',
    name: def.name,
    sku: def.sku,
    categoryName: null,
    kind: { ok: true, kind: 'inventory' },
    active: true,
    quantity: onHand,
  },
  onHand,
  definition: (kind: ItemKind) => ({ ...def, kind }),
  copiedCategoryName: undefined,
  version: null,
  category: false,
});

/** An in-memory side that records what the catalog activities asked of it. */
function memorySide(system: System, side: Side, categories: boolean) {
  const calls: string[] = [];
  const created: NewItem[] = [];
  const updates: Partial<ItemDefinition>[] = [];
  const unused = () => Promise.reject(new Error('not used by the catalog activities'));
  const port: SidePort = {
    system,
    side,
    capabilities: {
      categories,
      locations: false,
      pushNotifications: false,
      unannouncedQuantityChanges: false,
      reachedWhenItPolls: false,
      wholeCatalogEveryMs: null,
      batchWrites: false,
      categoriesAreItems: false,
    },
    readQuantity: unused,
    applyMovement: unused,
    missingItem: (itemId) => ({ code: 'memory:missing', gone: `${itemId} is gone`, restore: 'Restore it' }),
    readCatalog: unused,
    readItem: unused,
    createItems(creations) {
      calls.push('createItems');
      return Promise.resolve(
        creations.map(({ item }) => {
          created.push(item);
          return { id: `new-${created.length}` };
        }),
      );
    },
    updateItem(_item, changes) {
      calls.push('updateItem');
      updates.push(changes);
      return Promise.resolve();
    },
    categoryName(id) {
      calls.push(`categoryName ${id}`);
      return Promise.resolve(`Category ${id}`);
    },
    ensureCategory(name) {
      calls.push(`ensureCategory ${name}`);
      return Promise.resolve(name === null ? null : `${side}-cat-for-${name}`);
    },
  };
  return { port, calls, created, updates };
}

for (const database of testDatabases()) {
  describe(`catalog activities on a side without categories (${database.name})`, () => {
    let store: Store;
    withTestStore(database, (s) => (store = s));

    const setUp = async (id: string, fieldCategories: boolean) => {
      await store.connections.create(id, id);
      await store.connections.saveSettings(
        id,
        storableSettings(settingsFromFlat({ productMaster: 'qbo', defaultLocationUid: 'loc-1' })),
      );
      const accounting = memorySide('qbo', 'accounting', true);
      const field = memorySide('zuper', 'field', fieldCategories);
      const sides: ConnectionSides = { accounting: accounting.port, field: field.port };
      const record: Connection = await store.connections.get(id);
      return { accounting, field, sides, record };
    };

    it('copies an item without its category, asks neither side about categories, and links it', async () => {
      const { accounting, field, sides, record } = await setUp('copy-flat', false);
      const link = await copyItem(
        { store },
        { record, sides },
        { side: 'accounting', id: 'item-7', kind: 'inventory', definition: definition('cat-1'), onHand: 12 },
        null,
      );
      assert.equal(field.created[0]?.definition.categoryId, null);
      assert.equal(field.created[0]?.quantity, 12);
      assert.deepEqual(field.calls, ['createItems']);
      assert.deepEqual(accounting.calls, []);
      assert.deepEqual([link.accountingItemId, link.fieldItemId, link.baseQty], ['item-7', 'new-1', 12]);
      assert.equal(await store.categoryLinks.fieldFor('copy-flat', 'cat-1'), null);
    });

    it('copies the category where the side has categories, and links the two categories', async () => {
      const { accounting, field, sides, record } = await setUp('copy-cat', true);
      await copyItem(
        { store },
        { record, sides },
        { side: 'accounting', id: 'item-8', kind: 'inventory', definition: definition('cat-1'), onHand: 3 },
        null,
      );
      assert.equal(field.created[0]?.definition.categoryId, 'field-cat-for-Category cat-1');
      assert.deepEqual(accounting.calls, ['categoryName cat-1']);
      assert.equal(await store.categoryLinks.fieldFor('copy-cat', 'cat-1'), 'field-cat-for-Category cat-1');
    });

    it('pushes a definition without comparing categories, and says so', async () => {
      const { field, sides } = await setUp('push-flat', false);
      const link = await store.links.create({
        connectionId: 'push-flat',
        accountingItemId: 'item-9',
        fieldItemId: 'prod-9',
        itemKind: 'inventory',
        tracksQuantity: true,
        baseQty: 1,
        definitionHash: 'old',
      });
      const pushed = await pushDefinition({ store }, { id: 'push-flat', sides }, link, 'accounting', {
        accounting: catalogItem(definition('cat-1', 'Valve v2'), 1),
        field: catalogItem(definition(null), 1),
      });
      assert.deepEqual(pushed.changed, ['name']);
      assert.deepEqual(field.updates, [{ name: 'Valve v2' }]);
      assert.match(pushed.notes[0] ?? '', /Categories are not synced: Zuper has no item categories/);
      assert.notEqual((await store.links.get('push-flat', 'item-9'))?.definitionHash, 'old');
    });
  });
}
