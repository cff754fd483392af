import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';
import { storedCredentials } from '../support/stored-credentials.js';

const togetherUpTo25 = { maxRequests: 25, goesAlone: () => false };

const read = (requestType: string) => ({
  requestType,
  body: '<MaxReturned>50</MaxReturned>',
  iterator: null,
  iteratorId: null,
});

for (const database of testDatabases()) {
  describe(`a step's requests queued together in the store on ${database.name}`, () => {
    it('queues them in their order with one commit, keeps a key queued before, and queues nothing without a login', async () => {
      const { db, drop } = await database.open();
      try {
        const store = createStore(db, testSecretBox());
        await store.connections.create('c1', 'Desktop');
        await store.connections.create('c2', 'Not connected');
        await storedCredentials(store).saveQbd('c1', 'qbwc-c1', 'password-one');

        const first = await store.qbdQueue.enqueueKeyedAll('c1', [
          { key: 'watch:changes/0/items', request: read('ItemQueryRq') },
          { key: 'watch:changes/0/Invoice', request: read('InvoiceQueryRq') },
        ]);
        assert.deepEqual(
          first.map((request) => [request?.requestType, request?.status]),
          [
            ['ItemQueryRq', 'queued'],
            ['InvoiceQueryRq', 'queued'],
          ],
        );
        // A retried step asks again, with one request more: the two keep their requests, the third is queued.
        const again = await store.qbdQueue.enqueueKeyedAll('c1', [
          { key: 'watch:changes/0/items', request: read('ItemQueryRq') },
          { key: 'watch:changes/0/Invoice', request: read('InvoiceQueryRq') },
          { key: 'watch:changes/0/SalesReceipt', request: read('SalesReceiptQueryRq') },
        ]);
        assert.deepEqual(
          again.slice(0, 2).map((request) => request?.requestId),
          first.map((request) => request?.requestId),
        );
        const { ticket } = await store.qbdQueue.startSession('c1');
        const message = await store.qbdQueue.nextToSend(ticket, togetherUpTo25);
        assert.deepEqual(
          message.map((request) => request.requestType),
          ['ItemQueryRq', 'InvoiceQueryRq', 'SalesReceiptQueryRq'],
          'one message, in the order they were handed over',
        );

        assert.deepEqual(
          await store.qbdQueue.enqueueKeyedAll('c2', [{ key: 'watch:changes/0/items', request: read('ItemQueryRq') }]),
          [null],
        );
        assert.deepEqual(await store.qbdQueue.list('c2'), []);
      } finally {
        await drop();
      }
    });
  });
}
