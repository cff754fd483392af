export type TokenHealthLevel = 'ok' | 'warning' | 'critical' | 'expired';

export interface TokenHealth {
  level: TokenHealthLevel;
  secondsLeft: number;
  message: string;
}

const DAY = 86_400;
/** Warn two weeks ahead, critical three days ahead: time enough for a QuickBooks admin to reconnect. */
const warningDays = 14;
const criticalDays = 3;

/** Whole seconds until a refresh token expires; 0 once it has. */
export const refreshSecondsLeft = (refreshExpiresAt: Date, now: Date): number =>
  Math.max(0, Math.floor((refreshExpiresAt.getTime() - now.getTime()) / 1000));

/**
 * The one rule for how close a QBO refresh token is to expiry, used by the token keeper and the connection status:
 * expired once no second is left, critical under three days, a warning under two weeks.
 */
export function refreshTokenLevel(secondsLeft: number): TokenHealthLevel {
  if (secondsLeft === 0) return 'expired';
  if (secondsLeft < criticalDays * DAY) return 'critical';
  if (secondsLeft < warningDays * DAY) return 'warning';
  return 'ok';
}

/**
 * How close a QBO refresh token is to expiry (refreshTokenLevel), said for the log. `hardCapped`: the expiry is
 * Intuit's 5-year cap, so only a reconnect helps.
 */
export function tokenHealth(refreshExpiresAt: Date | null, now: Date, hardCapped = false): TokenHealth {
  if (!refreshExpiresAt) return { level: 'expired', secondsLeft: 0, message: 'no QuickBooks authorisation stored' };
  const secondsLeft = refreshSecondsLeft(refreshExpiresAt, now);
  const days = Math.floor(secondsLeft / DAY);
  const messages: Record<TokenHealthLevel, string> = {
    expired: 'the QuickBooks authorisation has expired: reconnect',
    critical: `the QuickBooks authorisation expires in ${days} day(s): reconnect now`,
    warning: hardCapped
      ? `the QuickBooks authorisation reaches Intuit's 5-year limit in ${days} days, which no refresh extends: reconnect`
      : `the QuickBooks authorisation expires in ${days} days unless it is refreshed`,
    ok: `the QuickBooks authorisation is valid for ${days} more days`,
  };
  const level = refreshTokenLevel(secondsLeft);
  return { level, secondsLeft, message: messages[level] };
}

/** A refused refresh (invalid_grant and the like): retrying cannot help, somebody must reconnect. */
export const isQboAuthFailure = (error: unknown): boolean => error instanceof Error && error.name === 'QboAuthError';
