/**
 * Parses QBO's `lastUpdated` / CloudEvents `time` leniently (docs/qbo-behaviour.md, "Webhook payloads and delivery"): ISO 8601 with `Z`, `±hh:mm` or the
 * older colon-less `±hhmm` offset, or epoch milliseconds (number or digit string). Null when unreadable.
 */
export function parseQboEventTime(value: string | number | undefined): Date | null {
  if (value === undefined) return null;
  if (typeof value === 'number' || /^\d+$/.test(value)) return validDate(new Date(Number(value)));
  const normalised = value.trim().replace(/([+-])(\d{2})(\d{2})$/, '$1$2:$3');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(normalised)) return null;
  return validDate(new Date(normalised));
}

const validDate = (d: Date) => (Number.isNaN(d.getTime()) ? null : d);

/** How far ahead of our clock an event may claim to be before its time is not believed. */
const clockSkewMs = 60 * 60_000;

/**
 * Events older than the replay window are ignored: a replayed capture must not trigger work, and reconciliation
 * covers anything that legitimately arrives that late. So are events dated more than an hour ahead, which would
 * otherwise stay fresh forever. An event without a readable time is kept: it is signed by Intuit, and dropping it
 * would only delay its change until the next reconciliation.
 */
export function isStale(occurredAt: Date | null, now: Date, replayWindowMs: number): boolean {
  if (occurredAt === null) return false;
  const age = now.getTime() - occurredAt.getTime();
  return age > replayWindowMs || age < -clockSkewMs;
}
