import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStale, parseQboEventTime } from '../../../integrations/qbo/webhook-event-time.js';

test('reads every lastUpdated/time form Intuit has used', () => {
  const cases: [string | number | undefined, string | null][] = [
    ['2025-09-10T20:11:02.000Z', '2025-09-10T20:11:02.000Z'],
    ['2025-09-10T20:11:02.657Z', '2025-09-10T20:11:02.657Z'],
    ['2015-10-05T14:42:19-0700', '2015-10-05T21:42:19.000Z'],
    ['2015-10-05T14:42:19+05:30', '2015-10-05T09:12:19.000Z'],
    ['2025-10-07T19:59:07.034359333Z', '2025-10-07T19:59:07.034Z'],
    [1757535063000, '2025-09-10T20:11:03.000Z'],
    ['1757535063000', '2025-09-10T20:11:03.000Z'],
    ['yesterday', null],
    ['2025-13-45T99:00:00Z', null],
    [undefined, null],
  ];
  for (const [input, expected] of cases) {
    assert.equal(parseQboEventTime(input)?.toISOString() ?? null, expected, String(input));
  }
});

test('an event is stale when it is older than the replay window or dated more than an hour ahead', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const day = 24 * 60 * 60_000;
  assert.equal(isStale(new Date('2026-02-22T00:00:00Z'), now, 7 * day), false);
  assert.equal(isStale(new Date('2026-02-21T23:59:59Z'), now, 7 * day), true);
  assert.equal(isStale(null, now, 7 * day), false);
  assert.equal(isStale(new Date('2026-03-01T01:00:00Z'), now, 7 * day), false, 'an hour of clock skew is allowed');
  assert.equal(isStale(new Date('2026-03-01T01:00:01Z'), now, 7 * day), true);
  assert.equal(isStale(new Date('2099-01-01T00:00:00Z'), now, 7 * day), true);
});
