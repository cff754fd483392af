import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NativeConnection, TransportError, Worker } from '@temporalio/worker';
import { isServerUnavailable, startWhileUnavailable } from '../../worker/create-worker.js';

const unavailable = () =>
  new TransportError(
    'Namespace default was not found or otherwise could not be described: Status { code: Unavailable, message: "GetNamespace operation failed. Error interrupted (9)" }',
  );

/** A start that fails with each of `failures` in turn, then answers `done`; it counts its calls. */
function startFailing(failures: Error[]) {
  const start = () => {
    start.calls++;
    const failure = failures[start.calls - 1];
    return failure ? Promise.reject(failure) : Promise.resolve('done');
  };
  start.calls = 0;
  return start;
}

describe('a worker start while Temporal is unavailable', () => {
  it('is tried again until Temporal answers', async () => {
    const start = startFailing([unavailable(), unavailable()]);
    assert.equal(await startWhileUnavailable(start, { attempts: 5, pauseMs: 1 }), 'done');
    assert.equal(start.calls, 3);
  });

  it('gives up after its attempts with the last error', async () => {
    const start = startFailing(Array.from({ length: 9 }, unavailable));
    await assert.rejects(startWhileUnavailable(start, { attempts: 4, pauseMs: 1 }), /code: Unavailable/);
    assert.equal(start.calls, 4);
  });

  it('fails at once on any other error', async () => {
    const start = startFailing([new Error('bad options')]);
    await assert.rejects(startWhileUnavailable(start, { attempts: 5, pauseMs: 1 }), /bad options/);
    assert.equal(start.calls, 1);
  });

  it("is not tried again for a namespace the real server does not have (its answer is not 'unavailable')", async () => {
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS! });
    try {
      const error = await Worker.create({
        connection,
        namespace: 'no-such-namespace',
        taskQueue: 'start-while-unavailable',
        activities: { noop: async () => {} },
      }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof TransportError, `expected a TransportError, got ${String(error)}`);
      assert.match(error.message, /no-such-namespace/);
      assert.equal(isServerUnavailable(error), false);
      assert.equal(isServerUnavailable(unavailable()), true);
    } finally {
      await connection.close();
    }
  });
});
