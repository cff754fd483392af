import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenHealth } from '../../../integrations/qbo/token-health.js';
import { QboAuthError } from '../../../integrations/qbo/errors.js';
import { rejectionOf, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

const DAY_MS = 86_400_000;
const capDays = 10;
let s: EmulatorSetup;
before(async () => {
  s = await startEmulatorSetup();
  s.emu.admin.updateSettings({ oauth: { refreshTokenHardTtlSec: capDays * 86_400, refreshTokenRotateAfterMs: 0 } });
});
after(() => s.close());

/** Connects through the emulator's consent page (it auto-approves) and the service's code exchange. */
async function connect() {
  const consent = await fetch(s.oauth.authorizeUrl('st-1'), { redirect: 'manual' });
  return s.oauth.exchangeCode(consent.headers.get('location') ?? '');
}

function assertAbout(actual: Date, expected: number): void {
  assert.ok(Math.abs(actual.getTime() - expected) < 5_000, `expected about ${new Date(expected).toISOString()}`);
}

void test('against the emulator, the refresh expiry and its health follow the hard cap; past it only a reconnect helps', async () => {
  const connectedAt = s.emu.admin.now().getTime();
  const { tokens } = await connect();
  assertAbout(tokens.refreshTokenExpiresAt, connectedAt + capDays * DAY_MS);
  assert.equal(tokens.refreshHardCapped, true);
  const health = tokenHealth(tokens.refreshTokenExpiresAt, s.emu.admin.now(), tokens.refreshHardCapped);
  assert.equal(health.level, 'warning');
  assert.match(health.message, /5-year limit/);

  // A refresh does not move the cap, even though it rotates the refresh token.
  s.emu.admin.advanceClock({ ms: 8 * DAY_MS });
  const refreshed = await s.oauth.refresh(tokens.refreshToken);
  assert.notEqual(refreshed.refreshToken, tokens.refreshToken);
  assertAbout(refreshed.refreshTokenExpiresAt, connectedAt + capDays * DAY_MS);
  assert.equal(tokenHealth(refreshed.refreshTokenExpiresAt, s.emu.admin.now()).level, 'critical');

  s.emu.admin.advanceClock({ ms: 2 * DAY_MS });
  const refused = await rejectionOf(s.oauth.refresh(refreshed.refreshToken));
  assert.ok(refused instanceof QboAuthError);
  assert.equal(refused.code, 'invalid_grant');
  assert.equal(refused.reconnectNeeded, true);
});
