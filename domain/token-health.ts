export type TokenHealthLevel = 'ok' | 'warning' | 'critical' | 'expired';

export interface TokenHealth {
  level: TokenHealthLevel;
  secondsLeft: number;
  message: string;
}

const DAY = 86_400;

/**
 * How close a QBO refresh token is to expiry: warn two weeks ahead, critical three days ahead. `hardCapped`: the expiry
 * is Intuit's 5-year cap, so only a reconnect helps.
 */
export function tokenHealth(refreshExpiresAt: Date | null, now: Date, hardCapped = false): TokenHealth {
  if (!refreshExpiresAt) return { level: 'expired', secondsLeft: 0, message: 'no QuickBooks authorisation stored' };
  const secondsLeft = Math.max(0, Math.floor((refreshExpiresAt.getTime() - now.getTime()) / 1000));
  const days = Math.floor(secondsLeft / DAY);
  if (secondsLeft === 0)
    return { level: 'expired', secondsLeft, message: 'the QuickBooks authorisation has expired: reconnect' };
  if (secondsLeft < 3 * DAY)
    return {
      level: 'critical',
      secondsLeft,
      message: `the QuickBooks authorisation expires in ${days} day(s): reconnect now`,
    };
  if (secondsLeft < 14 * DAY)
    return {
      level: 'warning',
      secondsLeft,
      message: hardCapped
        ? `the QuickBooks authorisation reaches Intuit's 5-year limit in ${days} days, which no refresh extends: reconnect`
        : `the QuickBooks authorisation expires in ${days} days unless it is refreshed`,
    };
  return { level: 'ok', secondsLeft, message: `the QuickBooks authorisation is valid for ${days} more days` };
}

/** A refused refresh (invalid_grant and the like): retrying cannot help, somebody must reconnect. */
export const isQboAuthFailure = (error: unknown): boolean => error instanceof Error && error.name === 'QboAuthError';
