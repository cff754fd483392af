/**
 * The QuickBooks Desktop emulator's state file: a restart finds the same company file (items, quantities, ListIDs,
 * EditSequences, transactions), identifiers go on from where they were, a change is on disk before QuickBooks'
 * answer leaves, and a query writes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQbdEmulator, QbdConnection, type QbdEmulator } from '../../../emulators/qbd/index.js';
import { qbxmlRequest, statusesOf, textsOf } from './fixtures.js';

function send(emu: QbdEmulator, body: string): string {
  const result = emu.processor.process(new QbdConnection(), qbxmlRequest(body));
  if (result.kind !== 'response') throw new Error(`${result.hresult}: ${result.detail}`);
  return result.xml;
}

/** What a client can observe of every item: ids, names, quantities and change marks. */
const itemsOf = (emu: QbdEmulator) =>
  [...emu.company.items.values()].map((item) => ({
    listId: item.listId,
    fullName: emu.company.fullName(item),
    type: item.type,
    quantityOnHand: item.quantityOnHand,
    editSequence: item.editSequence,
    timeModified: item.timeModified.toISOString(),
    salesPrice: item.salesPrice,
  }));

const modPrice = (listId: string, editSequence: string, price: string) =>
  `<ItemInventoryModRq><ItemInventoryMod><ListID>${listId}</ListID><EditSequence>${editSequence}</EditSequence><SalesPrice>${price}</SalesPrice></ItemInventoryMod></ItemInventoryModRq>`;

test('a restart keeps items, quantities, ListIDs, EditSequences and transactions, and identifiers go on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'qbd-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'qbd.json');

  const first = createQbdEmulator({ stateFile });
  const [widget, bolt] = first.admin.seedItems([
    { fullName: 'Hardware:Widget', quantityOnHand: 10, salesPrice: 12.5 },
    { fullName: 'Hex Bolt', quantityOnHand: 40 },
    { fullName: 'Callout Fee', type: 'ItemService', salesPrice: 95 },
  ]);
  assert.ok(widget && bolt);
  const sale = first.admin.sell({ refNumber: 'INV-1', lines: [{ item: 'Hardware:Widget', quantity: 3 }] });
  first.admin.adjust({ item: 'Hex Bolt', quantityDifference: -5, refNumber: 'mva-abc1234', memo: 'qzsync (mva-x)' });
  const seeded = widget.editSequence;
  const modified = send(first, modPrice(widget.listId, seeded, '13.00'));
  assert.equal(statusesOf(modified, 'ItemInventoryModRs')[0]?.statusCode, '0');
  const items = itemsOf(first);
  const editSequence = first.admin.getItem('Hardware:Widget').editSequence;
  await first.close();

  const second = createQbdEmulator({ stateFile });
  assert.deepEqual(itemsOf(second), items);
  assert.equal(second.admin.quantityOnHand('Hardware:Widget'), 7);
  assert.equal(second.admin.quantityOnHand('Hex Bolt'), 35);
  // The service's lookups find what was entered before the restart.
  const adjustments = send(
    second,
    '<InventoryAdjustmentQueryRq><RefNumber>mva-abc1234</RefNumber><IncludeLineItems>true</IncludeLineItems></InventoryAdjustmentQueryRq>',
  );
  assert.deepEqual(textsOf(adjustments, 'Memo'), ['qzsync (mva-x)']);
  assert.deepEqual([...second.company.salesTxns.keys()], [sale.txnId]);
  // The current EditSequence is still current; the one before the change is still stale.
  assert.equal(
    statusesOf(send(second, modPrice(widget.listId, seeded, '14.00')), 'ItemInventoryModRs')[0]?.statusCode,
    '3200',
  );
  const remodified = send(second, modPrice(widget.listId, editSequence, '14.00'));
  assert.equal(statusesOf(remodified, 'ItemInventoryModRs')[0]?.statusCode, '0');
  assert.notEqual(textsOf(remodified, 'EditSequence')[0], editSequence);
  // New records get identifiers never given before.
  const [hinge] = second.admin.seedItems([{ fullName: 'Hinge', quantityOnHand: 1 }]);
  assert.ok(hinge && !items.some((item) => item.listId === hinge.listId));
  const nextSale = second.admin.sell({ lines: [{ item: 'Hinge', quantity: 1 }] });
  assert.notEqual(nextSale.txnId, sale.txnId);
  assert.ok(nextSale.txnId.localeCompare(sale.txnId, 'en', { numeric: true }) > 0);
  await second.close();
});

test('a change is on disk before its answer leaves; a query writes nothing; a damaged file names itself', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'qbd-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'qbd.json');
  const emu = createQbdEmulator({ stateFile });
  emu.admin.seedItems([{ fullName: 'Valve', quantityOnHand: 8 }]);
  const added = send(
    emu,
    '<InventoryAdjustmentAddRq><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><RefNumber>mva-1</RefNumber>' +
      '<InventoryAdjustmentLineAdd><ItemRef><FullName>Valve</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-2</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );
  assert.equal(statusesOf(added, 'InventoryAdjustmentAddRs')[0]?.statusCode, '0');
  // As a crash would leave it: no close, the file as the adjustment's answer left it.
  const crashed = join(dir, 'crashed.json');
  copyFileSync(stateFile, crashed);
  const written = readFileSync(stateFile, 'utf8');
  send(emu, '<ItemQueryRq><FullName>Valve</FullName></ItemQueryRq>');
  assert.equal(readFileSync(stateFile, 'utf8'), written, 'a query leaves the file as it was');

  const restarted = createQbdEmulator({ stateFile: crashed });
  assert.equal(restarted.admin.quantityOnHand('Valve'), 6);
  assert.equal(restarted.admin.adjustments()[0]?.refNumber, 'mva-1');
  await emu.close();

  writeFileSync(crashed, '{"version":1,');
  assert.throws(() => createQbdEmulator({ stateFile: crashed }), /crashed\.json is not valid JSON.*move it away/);
});
