import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionReport, SoapCall } from '../../emulators/qbd/web-connector.js';
import { pollsFromQueued, queuedAfterWorkClosed, workClosedAtMs } from '../../bench/support/qbd-polls.js';

const call = (operation: SoapCall['operation'], sentAtMs: number): SoapCall => ({
  operation,
  parameters: {},
  sentAtMs,
});

/** A session that exchanged `requests` (their requestIDs) and closed its work with the call sent at `doneAtMs`. */
function session(startedAtMs: number, doneAtMs: number, endedAtMs: number, requests: string[] = []): SessionReport {
  const exchanges = requests.map((id) => ({
    request: `<QBXML><QBXMLMsgsRq onError="stopOnError"><InventoryAdjustmentAddRq requestID="${id}"></InventoryAdjustmentAddRq></QBXMLMsgsRq></QBXML>`,
    response: '<QBXML/>',
  }));
  return {
    outcome: 'completed',
    message: 'OK',
    calls: [
      call('authenticate', startedAtMs),
      ...(requests.length > 0 ? [call('sendRequestXML', startedAtMs + 1)] : []),
      call(requests.length > 0 ? 'receiveResponseXML' : 'authenticate', doneAtMs),
      call('closeConnection', endedAtMs - 1),
    ],
    exchanges,
    startedAtMs,
    endedAtMs,
  };
}

const adjusts = (s: SessionReport) => s.exchanges.length > 0;

describe('Web Connector polls a movement took', () => {
  it('does not count a session that had answered 100 when the movement was queued, though it was still open', () => {
    // Queued at 1_050: the first session answered its last receiveResponseXML (sent at 1_040) with 100 and only
    // closed at 1_060; the movement went in the next session, which is its next poll.
    const sessions = [session(1_000, 1_040, 1_060), session(2_060, 2_070, 2_090, ['mv-1'])];
    assert.equal(workClosedAtMs(sessions[0]!), 1_040);
    assert.equal(
      pollsFromQueued(sessions, 1_050, new Set(['mv-1']), adjusts),
      1,
      'the session that was only closing is not a poll the movement missed',
    );
    assert.equal(queuedAfterWorkClosed(sessions, 1_050), true);
  });

  it('counts a session still taking work when the movement was queued, and a miss as a second poll', () => {
    // Queued at 1_030, before the first session's last call: that session could have carried it and did not.
    const sessions = [session(1_000, 1_040, 1_060), session(2_060, 2_070, 2_090, ['mv-1'])];
    assert.equal(pollsFromQueued(sessions, 1_030, new Set(['mv-1']), adjusts), 2);
    assert.equal(queuedAfterWorkClosed(sessions, 1_030), false);
  });

  it('counts the session that carried the movement although its last call was sent before the queueing', () => {
    // Queued at 1_045 while the service was still answering the call sent at 1_040, before it read the queue: the
    // session carried the movement, so it is the first poll.
    const sessions = [session(1_000, 1_040, 1_060, ['mv-1']), session(2_060, 2_070, 2_090)];
    assert.equal(pollsFromQueued(sessions, 1_045, new Set(['mv-1']), adjusts), 1);
  });

  it('ignores a session that carried an earlier movement of the item, and answers null when none matched', () => {
    const sessions = [session(1_000, 1_040, 1_060, ['mv-0']), session(2_060, 2_070, 2_090)];
    assert.equal(pollsFromQueued(sessions, 1_045, new Set(['mv-1']), adjusts), null);
  });

  it('takes a session that ended without closing (dropped) as taking work until it ended', () => {
    const dropped: SessionReport = { ...session(1_000, 1_040, 1_060), calls: [call('authenticate', 1_000)] };
    assert.equal(workClosedAtMs(dropped), 1_060);
  });
});
