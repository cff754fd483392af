import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionReport } from '../../emulators/qbd/web-connector.js';
import { qbxmlMessageDocument } from '../../integrations/qbd/qbxml.js';
import { messageRequests, tallyQbdTraffic } from '../../bench/support/qbd-exchanges.js';

interface Sent {
  requestId: string;
  requestType: string;
  body: string;
  iterator?: 'Start' | 'Continue';
}

/** The message the service sends for these queued requests, as the Web Connector carried it. */
const message = (requests: Sent[]) =>
  qbxmlMessageDocument(requests.map((r) => ({ ...r, iterator: r.iterator ?? null, iteratorId: null })));

const add = (id: string): Sent => ({
  requestId: id,
  requestType: 'ItemInventoryAddRq',
  body: `<ItemInventoryAdd><Name>Item ${id}</Name></ItemInventoryAdd>`,
});
const catalogPage: Sent = {
  requestId: 'catalog-1',
  requestType: 'ItemQueryRq',
  body: '<MaxReturned>1000</MaxReturned><ActiveStatus>All</ActiveStatus>',
  iterator: 'Start',
};
const changedItems: Sent = {
  requestId: 'watch-items',
  requestType: 'ItemQueryRq',
  body: '<MaxReturned>1000</MaxReturned><FromModifiedDate>2026-12-08T01:00:00+00:00</FromModifiedDate>',
  iterator: 'Start',
};
const changedAdjustments: Sent = {
  requestId: 'watch-adjustments',
  requestType: 'InventoryAdjustmentQueryRq',
  body: '<ModifiedDateRangeFilter><FromModifiedDate>2026-12-08T01:00:00+00:00</FromModifiedDate></ModifiedDateRangeFilter>',
};
const deletedItems: Sent = {
  requestId: 'watch-deleted',
  requestType: 'ListDeletedQueryRq',
  body: '<ListDelType>ItemInventory</ListDelType>',
};

const session = (messages: Sent[][]): SessionReport => ({
  outcome: 'completed',
  message: 'OK',
  calls: [],
  exchanges: messages.map((requests) => ({ request: message(requests), response: '<QBXML/>' })),
  startedAtMs: 0,
  endedAtMs: 1,
});

describe('the qbXML requests of Web Connector exchanges', () => {
  it('splits a message into each request, in order, with its type and requestID', () => {
    const requests = messageRequests(message([add('a-1'), changedAdjustments, add('a-2')]));
    assert.deepEqual(
      requests.map(({ type, requestId }) => [type, requestId]),
      [
        ['ItemInventoryAddRq', 'a-1'],
        ['InventoryAdjustmentQueryRq', 'watch-adjustments'],
        ['ItemInventoryAddRq', 'a-2'],
      ],
    );
  });

  it('counts each request of a mixed exchange for its own side, and the exchange for both', () => {
    const adds = Array.from({ length: 25 }, (_, i) => add(`a-${i}`));
    const traffic = tallyQbdTraffic([
      session([[catalogPage], adds, [add('a-25'), changedAdjustments], [deletedItems]]),
      session([[changedItems]]),
    ]);
    assert.deepEqual(traffic.link, {
      requests: 27,
      exchanges: 3,
      sessions: 1,
      byType: { ItemQueryRq: 1, ItemInventoryAddRq: 26 },
    });
    assert.deepEqual(traffic.watch, {
      requests: 3,
      exchanges: 3,
      sessions: 2,
      byType: { InventoryAdjustmentQueryRq: 1, ListDeletedQueryRq: 1, ItemQueryRq: 1 },
    });
    assert.equal(traffic.mixedExchanges, 1);
  });
});
