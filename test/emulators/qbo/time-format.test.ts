import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQboInstant, qboDate, qboDateTime, qboTimestamp } from '../../../emulators/qbo/time-format.js';

test('formats in Pacific time with the DST-correct offset', () => {
  assert.equal(qboDateTime(new Date('2015-10-06T15:50:34.863Z')), '2015-10-06T08:50:34-07:00');
  assert.equal(qboTimestamp(new Date('2015-10-06T15:50:34.863Z')), '2015-10-06T08:50:34.863-07:00');
  assert.equal(qboDateTime(new Date('2015-12-09T19:12:39Z')), '2015-12-09T11:12:39-08:00');
  assert.equal(qboDate(new Date('2025-01-01T05:00:00Z')), '2024-12-31');
  // DST starts 2025-03-09 at 10:00 UTC.
  assert.equal(qboDateTime(new Date('2025-03-09T09:59:59Z')), '2025-03-09T01:59:59-08:00');
  assert.equal(qboDateTime(new Date('2025-03-09T10:00:00Z')), '2025-03-09T03:00:00-07:00');
});

test('parses date-times with offsets or Z, and bare dates as Pacific midnight', () => {
  assert.equal(parseQboInstant('2015-10-06T08:50:34-07:00'), Date.parse('2015-10-06T15:50:34Z'));
  assert.equal(parseQboInstant('2024-01-01T00:00:00Z'), Date.parse('2024-01-01T00:00:00Z'));
  assert.equal(parseQboInstant('2025-07-01'), Date.parse('2025-07-01T07:00:00Z'));
  assert.equal(parseQboInstant('2025-01-15'), Date.parse('2025-01-15T08:00:00Z'));
  assert.equal(parseQboInstant('yesterday'), undefined);
  assert.equal(parseQboInstant('2025-13-45T00:00:00Z'), undefined);
});
