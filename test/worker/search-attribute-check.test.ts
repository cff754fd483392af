import { it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { assertSearchAttributesRegistered } from '../../client/search-attribute-check.js';
import { allSearchAttributes } from '../../workflows/search-attributes.js';

const { KEYWORD, TEXT } = {
  KEYWORD: proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
};

/** A namespace of its own on the test run's dev server, as an older deployment left it: some attributes missing. */
async function namespaceWith(connection: Connection, attributes: Record<string, number>): Promise<string> {
  const namespace = `sa-check-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: attributes });
  return namespace;
}

it('a worker start refuses a namespace missing search attributes, naming each and how to register it', async () => {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS! });
  try {
    const older = { ConnectionId: KEYWORD, QboItemId: KEYWORD, ZuperProductUid: KEYWORD, SyncKind: KEYWORD };
    const namespace = await namespaceWith(connection, { ...older, SyncOutcome: TEXT });
    const client = new Client({ connection, namespace });
    const refusal = await assertSearchAttributesRegistered(client, namespace).then(
      () => null,
      (error: Error) => error.message,
    );
    assert.ok(refusal, 'a namespace without the attributes is refused');
    assert.match(
      refusal,
      new RegExp(
        `namespace ${namespace} lacks the Keyword search attributes AccountingItemId, FieldItemId, SyncOutcome,`,
      ),
    );
    assert.match(refusal, new RegExp(`--namespace ${namespace} --name FieldItemId --type Keyword`));

    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: { AccountingItemId: KEYWORD, FieldItemId: KEYWORD },
    });
    const stillWrong = await assertSearchAttributesRegistered(client, namespace).then(
      () => null,
      (error: Error) => error.message,
    );
    assert.match(
      stillWrong ?? '',
      /lacks the Keyword search attributes SyncOutcome, which/,
      'a Text attribute is not a Keyword one',
    );

    const complete = await namespaceWith(
      connection,
      Object.fromEntries(allSearchAttributes.map((k) => [k.name, KEYWORD])),
    );
    assert.equal(
      await assertSearchAttributesRegistered(new Client({ connection, namespace: complete }), complete),
      undefined,
    );
  } finally {
    await connection.close();
  }
});
