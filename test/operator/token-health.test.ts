import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { credentialStatusOf } from '../../integrations/registry.js';
import { tokenHealth as keeperHealth } from '../../integrations/qbo/token-health.js';
import type { Connection } from '../../storage/repositories/connections.js';
import { qboCredentialRow } from '../support/stored-credentials.js';

const now = new Date('2026-06-01T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

interface Tokens {
  realmId: string | null;
  connected: boolean;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  refreshHardCapped: boolean;
}

const connection = (over: Partial<Connection> = {}, tokens: Partial<Tokens> = {}): Connection => {
  const stored: Tokens = {
    realmId: '9130',
    connected: true,
    accessExpiresAt: new Date(now.getTime() + 3_600_000),
    refreshExpiresAt: days(90),
    refreshHardCapped: false,
    ...tokens,
  };
  return {
    id: 'acme',
    displayName: 'Acme',
    accountingSystem: 'qbo',
    fieldSystem: 'zuper',
    storedSettings: {},
    status: 'active',
    statusReason: null,
    credentials: stored.realmId === null && !stored.connected ? {} : qboCredentialRow(stored),
    connectedSystems: stored.connected ? ['qbo'] : [],
    ...over,
  };
};

/** How the accounting side's credentials stand, by the registry's one dispatch. */
const tokenHealth = (c: Connection, at: Date) => credentialStatusOf(c.accountingSystem)(c, at);

describe('credential status of the accounting side', () => {
  it('is ok with a refresh token good for weeks, reporting days left and both expiries', () => {
    const h = tokenHealth(connection(), now);
    assert.equal(h.level, 'ok');
    assert.equal(h.daysLeft, 90);
    assert.equal(h.account, '9130');
    assert.equal(h.renewedAt, '2026-06-01T01:00:00.000Z');
    assert.equal(h.expiresAt, days(90).toISOString());
  });

  it('warns under 14 days and is critical under 3, telling how to reconnect', () => {
    assert.equal(tokenHealth(connection({}, { refreshExpiresAt: days(14) }), now).level, 'ok');
    const warning = tokenHealth(connection({}, { refreshExpiresAt: days(13.5) }), now);
    assert.equal(warning.level, 'warning');
    assert.equal(warning.daysLeft, 13.5);
    const critical = tokenHealth(connection({}, { refreshExpiresAt: days(2) }), now);
    assert.equal(critical.level, 'critical');
    assert.match(critical.message, /qzsync connect qbo acme/);
  });

  it("at Intuit's 5-year cap says no refresh can help and only a reconnect renews it", () => {
    const capped = tokenHealth(connection({}, { refreshExpiresAt: days(10), refreshHardCapped: true }), now);
    assert.equal(capped.level, 'warning');
    assert.equal(
      capped.message,
      "The QuickBooks authorisation reaches Intuit's 5-year limit in 10 days and no refresh can extend it: " +
        'reconnect with `qzsync connect qbo acme` (a QuickBooks admin must approve).',
    );
    const rolling = tokenHealth(connection({}, { refreshExpiresAt: days(10) }), now);
    assert.match(rolling.message, /unless it is refreshed; the service refreshes it while syncing/);
  });

  it('is expired past the refresh expiry or once QuickBooks refused the connection', () => {
    assert.equal(tokenHealth(connection({}, { refreshExpiresAt: days(-1) }), now).level, 'expired');
    const refused = tokenHealth(connection({ status: 'needs_reconnect', statusReason: 'invalid_grant' }), now);
    assert.equal(refused.level, 'expired');
    assert.match(refused.message, /invalid_grant/);
  });

  it('judges expiry by the rule the token keeper uses: an hour left is critical, not yet expired', () => {
    assert.equal(tokenHealth(connection({}, { refreshExpiresAt: days(1 / 24) }), now).level, 'critical');
    for (const left of [-1, 0, 1 / 24, 2.99, 3, 13.99, 14, 90]) {
      const expiresAt = days(left);
      assert.equal(
        tokenHealth(connection({}, { refreshExpiresAt: expiresAt }), now).level,
        keeperHealth(expiresAt, now).level,
        `${left} days left`,
      );
    }
  });

  it('says not-connected without tokens', () => {
    const h = tokenHealth(
      connection({ connectedSystems: [] }, { connected: false, refreshExpiresAt: null, accessExpiresAt: null }),
      now,
    );
    assert.equal(h.level, 'not-connected');
    assert.equal(h.daysLeft, null);
  });

  it('for QuickBooks Desktop, holding no tokens, says whether its Web Connector login is stored', () => {
    const desktop = (connectedSystems: Connection['connectedSystems']) =>
      tokenHealth(
        connection(
          { accountingSystem: 'qbd', connectedSystems },
          { realmId: null, connected: false, refreshExpiresAt: null, accessExpiresAt: null },
        ),
        now,
      );
    const connected = desktop(['qbd', 'zuper']);
    assert.equal(connected.level, 'ok');
    assert.equal(connected.daysLeft, null);
    assert.match(connected.message, /^QuickBooks Desktop, reached when its Web Connector polls/);
    const notYet = desktop(['zuper']);
    assert.equal(notYet.level, 'not-connected');
    assert.match(notYet.message, /`qzsync connect qbd acme`/);
  });
});
