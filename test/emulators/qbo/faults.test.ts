/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('injected 500/502/503 answer a SystemFault and do not apply the request', async () => {
  const item = await h.inventoryItem('Fault target', 10);
  for (const status of [500, 502, 503]) {
    h.emu.admin.updateSettings({ faults: { errorRate: 1, errorStatuses: [status] } });
    const res = await h.post('item', { Id: item.Id, SyncToken: '0', sparse: true, UnitPrice: 5 });
    assert.equal(res.status, status);
    assert.equal(res.json.Fault.type, 'SystemFault');
    assert.equal(res.json.Fault.Error[0].code, '10000');
  }
  h.emu.admin.updateSettings({ faults: { errorRate: 0 } });
  const after = (await h.get(`item/${String(item.Id)}`)).json.Item;
  assert.equal(after.SyncToken, '0');
  assert.equal(after.UnitPrice, 0);
  const counters = h.emu.admin.counters().faults;
  assert.equal(counters.http500, 1);
  assert.equal(counters.http502, 1);
  assert.equal(counters.http503, 1);
});

test('drop-after-commit resets the connection but keeps the write; a requestid retry gets the original answer', async () => {
  const item = await h.inventoryItem('Dropped', 10);
  h.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
  const url = `${h.emu.baseUrl}/v3/company/${h.realmId}/inventoryadjustment?requestid=lost-reply-1`;
  const init = {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      AdjustAccountRef: { value: '86' },
      Line: [
        {
          DetailType: 'ItemAdjustmentLineDetail',
          ItemAdjustmentLineDetail: { ItemRef: { value: item.Id }, QtyDiff: -4 },
        },
      ],
    }),
  };
  try {
    await assert.rejects(fetch(url, init));
  } finally {
    h.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
  }
  assert.equal(await h.qtyOf(String(item.Id)), 6);
  const retry = await fetch(url, init);
  assert.equal(retry.status, 200);
  const body = (await retry.json()) as { InventoryAdjustment: { Line: unknown[] } };
  assert.equal(body.InventoryAdjustment.Line.length, 1);
  assert.equal(await h.qtyOf(String(item.Id)), 6);
  assert.equal(h.emu.admin.counters().faults.dropAfterCommit, 1);
});

test('latency delays API responses by the scaled nominal time', async () => {
  h.emu.admin.updateSettings({ faults: { latencyMs: 150_000 } });
  try {
    const started = performance.now();
    const res = await h.get('companyinfo/1');
    assert.equal(res.status, 200);
    // 150 s nominal at time scale 1000 → 150 ms real
    assert.ok(performance.now() - started >= 140);
  } finally {
    h.emu.admin.updateSettings({ faults: { latencyMs: 0 } });
  }
});

test('unknown entity paths answer 400 code 500 (404 is a setting); malformed JSON answers 2010', async () => {
  const unknown = await h.get('gizmo/1');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.Fault.Error[0].code, '500');
  assert.equal(unknown.json.Fault.Error[0].Message, 'Unsupported Operation');
  assert.equal((await h.get('item/1/extra/segments')).status, 400);
  h.emu.admin.updateSettings({ reads: { unsupportedPathStatus: 404 } });
  try {
    const old = await h.get('gizmo/1');
    assert.equal(old.status, 404);
    assert.equal(old.json.Fault.Error[0].code, '500');
  } finally {
    h.emu.admin.updateSettings({ reads: { unsupportedPathStatus: 400 } });
  }
  const res = await fetch(`${h.emu.baseUrl}/v3/company/${h.realmId}/item`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: '{"Name": ',
  });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { Fault: { Error: { code: string }[] } }).Fault.Error[0]?.code, '2010');
});

test('a malformed id is 400 code 2030 "Invalid ID" on element Id, an unknown whole-number id is 610', async () => {
  for (const id of ['1.5', 'abc', '-3']) {
    const res = await h.get(`item/${id}`);
    assert.equal(res.status, 400, id);
    assert.deepEqual(res.json.Fault, {
      Error: [
        {
          Message: 'Invalid ID',
          Detail: `Id should be a valid number. Supplied value:${id}`,
          code: '2030',
          element: 'Id',
        },
      ],
      type: 'ValidationFault',
    });
  }
  const unknown = await h.get('item/987654');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.Fault.Error[0].code, '610');
});
