import type { Connection } from '../../storage/repositories/connections.js';
import type { CredentialStatus } from '../credential-status.js';
import { qboCredentials, qboRealmOf, qboTokenTimes } from './credentials.js';
import { refreshSecondsLeft, refreshTokenLevel } from './token-health.js';

const DAY_MS = 86_400_000;

/** How long the QuickBooks Online connection has to live (the level by refreshTokenLevel), and what to do about it. */
export function qboTokenStatus(connection: Connection, now: Date): CredentialStatus {
  const times = qboTokenTimes(connection);
  const refreshExpiresAt = times.refreshExpiresAt;
  const base = {
    account: qboRealmOf(connection),
    renewedAt: times.accessExpiresAt?.toISOString() ?? null,
    expiresAt: refreshExpiresAt?.toISOString() ?? null,
  };
  const reconnect = `reconnect with \`qzsync connect qbo ${connection.id}\` (a QuickBooks admin must approve)`;
  if (!qboCredentials.isConnected(connection) || !refreshExpiresAt) {
    return {
      ...base,
      level: 'not-connected',
      daysLeft: null,
      message: `QuickBooks is not connected: ${reconnect}.`,
    };
  }
  const daysLeft = Math.floor(((refreshExpiresAt.getTime() - now.getTime()) / DAY_MS) * 10) / 10;
  if (connection.status === 'needs_reconnect') {
    return {
      ...base,
      level: 'expired',
      daysLeft,
      message: `QuickBooks refused this connection (${connection.statusReason ?? 'authorisation lost'}); syncs are paused: ${reconnect}.`,
    };
  }
  const level = refreshTokenLevel(refreshSecondsLeft(refreshExpiresAt, now));
  if (level === 'expired') {
    return {
      ...base,
      level: 'expired',
      daysLeft,
      message: `The QuickBooks authorisation expired: ${reconnect}.`,
    };
  }
  // At Intuit's 5-year cap refreshing cannot help: say so rather than suggest waiting for a refresh.
  const ending = times.refreshHardCapped
    ? `The QuickBooks authorisation reaches Intuit's 5-year limit in ${daysLeft} days and no refresh can extend it`
    : `The QuickBooks authorisation ends in ${daysLeft} days unless it is refreshed`;
  if (level === 'critical') {
    return { ...base, level: 'critical', daysLeft, message: `${ending}: ${reconnect} now.` };
  }
  if (level === 'warning') {
    return {
      ...base,
      level: 'warning',
      daysLeft,
      message: times.refreshHardCapped
        ? `${ending}: ${reconnect}.`
        : `${ending}; the service refreshes it while syncing. If this persists, ${reconnect}.`,
    };
  }
  return {
    ...base,
    level: 'ok',
    daysLeft,
    message: `Authorised; the refresh token is good for ${daysLeft} more days.`,
  };
}
