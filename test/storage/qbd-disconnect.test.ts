import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';
import { storedCredentials } from '../support/stored-credentials.js';

/** One request a message, as the endpoint sent them before it batched. */
const oneAtATime = { maxRequests: 1, goesAlone: () => false };

const request = (requestType: string) => ({ requestType, body: '<ItemQueryRq/>', iterator: null, iteratorId: null });

for (const database of testDatabases()) {
  describe(`disconnecting QuickBooks Desktop in the store on ${database.name}`, () => {
    it('forgets the login, ends the sessions and withdraws what waits, keeping answers; a new login queues again', async () => {
      const { db, drop } = await database.open();
      try {
        const store = createStore(db, testSecretBox());
        await store.connections.create('c1', 'Desktop');
        await storedCredentials(store).saveQbd('c1', 'qbwc-c1', 'password-one');
        await store.qbdQueue.enqueueKeyed('c1', 'answered', request('ItemQueryRq'));
        const { ticket } = await store.qbdQueue.startSession('c1');
        const [sent] = await store.qbdQueue.nextToSend(ticket, oneAtATime);
        assert.equal(
          (
            await store.qbdQueue.recordAnswers(ticket, [
              {
                answer: {
                  requestId: sent!.requestId,
                  statusCode: 0,
                  statusSeverity: 'Info',
                  statusMessage: null,
                  iteratorId: null,
                  iteratorRemainingCount: null,
                },
                document: '<QBXML/>',
              },
            ])
          ).recorded,
          true,
        );
        await store.qbdQueue.enqueueKeyed('c1', 'in-flight', request('InventoryAdjustmentAddRq'));
        assert.equal((await store.qbdQueue.nextToSend(ticket, oneAtATime))[0]?.status, 'sent');
        await store.qbdQueue.enqueueKeyed('c1', 'waiting', request('ItemInventoryQueryRq'));

        await storedCredentials(store).clearQbd('c1');

        assert.equal(await storedCredentials(store).findQbdLogin('qbwc-c1'), null);
        const connection = await store.connections.get('c1');
        assert.equal(connection.accountingSystem, 'qbd', 'QuickBooks Desktop stays the accounting system');
        assert.deepEqual(connection.connectedSystems, []);
        assert.equal(await store.qbdQueue.session(ticket), null, 'the open session ended');
        assert.equal(await store.qbdQueue.findKeyed('c1', 'in-flight'), null);
        assert.equal(await store.qbdQueue.findKeyed('c1', 'waiting'), null);
        assert.equal((await store.qbdQueue.findKeyed('c1', 'answered'))?.status, 'answered', 'answers are kept');
        assert.equal(await store.qbdQueue.enqueueKeyed('c1', 'after', request('ItemQueryRq')), null);
        assert.equal((await store.qbdQueue.list('c1')).length, 1, 'nothing queued without a login');

        await storedCredentials(store).saveQbd('c1', 'qbwc-c1', 'password-two');
        assert.equal((await store.qbdQueue.enqueueKeyed('c1', 'after', request('ItemQueryRq')))?.status, 'queued');
      } finally {
        await drop();
      }
    });
  });
}
