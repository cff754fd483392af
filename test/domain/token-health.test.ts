import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenHealth } from '../../integrations/qbo/token-health.js';
import { driftCause, unnamedSides } from '../../domain/drift-report.js';
import { durationMs } from '../../domain/duration.js';

const now = new Date('2026-11-30T00:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe('token health', () => {
  it('warns two weeks ahead, is critical three days ahead and says when it expired', () => {
    assert.equal(tokenHealth(inDays(90), now).level, 'ok');
    assert.equal(tokenHealth(inDays(13.5), now).level, 'warning');
    assert.match(tokenHealth(inDays(13.5), now).message, /expires in 13 days/);
    assert.equal(tokenHealth(inDays(2), now).level, 'critical');
    assert.equal(tokenHealth(inDays(-1), now).level, 'expired');
    assert.equal(tokenHealth(null, now).level, 'expired');
  });

  it("at Intuit's 5-year cap asks for a reconnect instead of a refresh", () => {
    assert.match(
      tokenHealth(inDays(13.5), now, true).message,
      /5-year limit in 13 days, which no refresh extends: reconnect/,
    );
  });
});

describe('drift causes and durations', () => {
  it('names the side that moved without a sync', () => {
    const systems = { accounting: 'QuickBooks Desktop', field: 'Zuper' };
    assert.match(driftCause({ base: 5, accounting: 3, field: 5 }, systems), /^QuickBooks Desktop changed by -2 /);
    assert.match(driftCause({ base: 5, accounting: 5, field: 8 }, systems), /^Zuper changed by 3 /);
    assert.match(driftCause({ base: 5, accounting: 4, field: 8 }, systems), /^both systems/);
    assert.match(driftCause({ base: 5, accounting: null, field: 5 }, systems), /^an interrupted settle/);
    assert.match(driftCause({ base: 5, accounting: 5, field: 4 }, unnamedSides), /^the field system changed by -1 /);
  });

  it('parses durations and refuses nonsense', () => {
    assert.equal(durationMs('15m'), 900_000);
    assert.equal(durationMs('250ms'), 250);
    assert.throws(() => durationMs('soon'), /not a duration/);
  });
});
