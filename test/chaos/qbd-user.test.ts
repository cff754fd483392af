import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpectedMovements } from '../../chaos/expected.js';
import { qbdUser } from '../../chaos/qbd-user.js';
import { errorStatuses } from '../../chaos/web-connector-faults.js';
import { createRng } from '../../emulators/common/rng.js';
import { createQbdEmulator } from '../../emulators/qbd/index.js';
import { startSoapService } from '../emulators/qbd/soap-service.js';

describe("the chaos run's QuickBooks Desktop user", () => {
  it('records for each sale, edit, deletion and adjustment the quantity the company file moved', () => {
    const qbd = createQbdEmulator({ startAt: new Date('2026-03-02T10:00:00Z') });
    const items = qbd.admin.seedItems(
      ['A', 'B', 'C'].map((name) => ({ fullName: `Part ${name}`, quantityOnHand: 50 })),
    );
    const user = qbdUser(
      qbd,
      items.map((item) => item.listId),
      createRng(11),
    );
    const expected = new ExpectedMovements();
    for (let i = 0; i < 300; i++) {
      const { kind, effect } = user.move();
      expected.record(kind, effect);
      // A person edits a sale a while after saving it: the user picks only sales from an earlier second.
      qbd.admin.advanceClock(700);
    }
    const kinds = expected.byKind();
    assert.ok((kinds['qbd sale edit'] ?? 0) > 10, `edits made: ${JSON.stringify(kinds)}`);
    assert.ok((kinds['qbd sale delete'] ?? 0) > 5, `deletions made: ${JSON.stringify(kinds)}`);
    for (const item of items)
      assert.equal(qbd.admin.quantityOnHand(qbd.company.fullName(item)), 50 + expected.netOf(item.listId));
  });
});

describe("the chaos run's count of QuickBooks' error statuses", () => {
  it('counts the statuses of every answer the Web Connector carried, leaving out success, no match and not found', async () => {
    const qbd = createQbdEmulator();
    qbd.admin.seedItems([{ fullName: 'Part A', quantityOnHand: 5 }]);
    const add = (name: string) =>
      `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><ItemInventoryAddRq><ItemInventoryAdd><Name>${name}</Name></ItemInventoryAdd></ItemInventoryAddRq><ItemQueryRq><FullName>Nope</FullName></ItemQueryRq></QBXMLMsgsRq></QBXML>`;
    const service = await startSoapService({ authenticate: ['t', ''], queue: [add('Part B'), add('Part A')] });
    qbd.admin.failNextWrites(3175);
    const connector = qbd.connectWebConnector({ appUrl: service.url, userName: 'u', password: 'p' });
    await connector.runSession();
    await service.close();
    // Part B refused once as in use, Part A's name taken (3100); the lookups answer 500, which is left out.
    assert.deepEqual(errorStatuses(connector), { 3175: 1, 3100: 1 });
  });
});
