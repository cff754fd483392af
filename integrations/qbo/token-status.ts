import type { Connection } from '../../storage/repositories/connections.js';
import type { CredentialStatus } from '../credential-status.js';
import { refreshSecondsLeft, refreshTokenLevel } from './token-health.js';

const DAY_MS = 86_400_000;

/** How long the QuickBooks Online connection has to live (the level by refreshTokenLevel), and what to do about it. */
export function qboTokenStatus(connection: Connection, now: Date): CredentialStatus {
  const base = {
    realmId: connection.qboRealmId,
    accessTokenExpiresAt: connection.qboAccessExpiresAt?.toISOString() ?? null,
    refreshTokenExpiresAt: connection.qboRefreshExpiresAt?.toISOString() ?? null,
  };
  const reconnect = `reconnect with \`qzsync connect qbo ${connection.id}\` (a QuickBooks admin must approve)`;
  if (!connection.hasQboTokens || !connection.qboRefreshExpiresAt) {
    return {
      ...base,
      level: 'not-connected',
      refreshTokenDaysLeft: null,
      message: `QuickBooks is not connected: ${reconnect}.`,
    };
  }
  const daysLeft = Math.floor(((connection.qboRefreshExpiresAt.getTime() - now.getTime()) / DAY_MS) * 10) / 10;
  if (connection.status === 'needs_reconnect') {
    return {
      ...base,
      level: 'expired',
      refreshTokenDaysLeft: daysLeft,
      message: `QuickBooks refused this connection (${connection.statusReason ?? 'authorisation lost'}); syncs are paused: ${reconnect}.`,
    };
  }
  const level = refreshTokenLevel(refreshSecondsLeft(connection.qboRefreshExpiresAt, now));
  if (level === 'expired') {
    return {
      ...base,
      level: 'expired',
      refreshTokenDaysLeft: daysLeft,
      message: `The QuickBooks authorisation expired: ${reconnect}.`,
    };
  }
  // At Intuit's 5-year cap refreshing cannot help: say so rather than suggest waiting for a refresh.
  const ending = connection.qboRefreshHardCapped
    ? `The QuickBooks authorisation reaches Intuit's 5-year limit in ${daysLeft} days and no refresh can extend it`
    : `The QuickBooks authorisation ends in ${daysLeft} days unless it is refreshed`;
  if (level === 'critical') {
    return { ...base, level: 'critical', refreshTokenDaysLeft: daysLeft, message: `${ending}: ${reconnect} now.` };
  }
  if (level === 'warning') {
    return {
      ...base,
      level: 'warning',
      refreshTokenDaysLeft: daysLeft,
      message: connection.qboRefreshHardCapped
        ? `${ending}: ${reconnect}.`
        : `${ending}; the service refreshes it while syncing. If this persists, ${reconnect}.`,
    };
  }
  return {
    ...base,
    level: 'ok',
    refreshTokenDaysLeft: daysLeft,
    message: `Authorised; the refresh token is good for ${daysLeft} more days.`,
  };
}
