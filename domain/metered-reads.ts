import { defaultWatchPacing } from './adjustment-watch.js';

/**
 * QuickBooks reads and queries ("CorePlus" calls) are metered per app per calendar month across every connected
 * company; writes are free. The Builder tier allows 500,000 a month, then the app is blocked until the next month.
 * Pure arithmetic over the stored monthly counts: usage, projection, warning level and how much to stretch polling.
 */

/**
 * Metered reads of one connection over `periodMs` while nothing changes in QuickBooks outside the sync, at the
 * default pacing: the change watch's idle polls (one change-data-capture call each, the first at once) and the
 * reconciliation's QuickBooks catalog read every `wholeReadEveryMs` (a count and one query per `pageSize` items).
 */
export function quietMeteredReads(
  periodMs: number,
  catalog: { items: number; pageSize: number; wholeReadEveryMs: number },
): number {
  const watchPolls = Math.ceil(periodMs / defaultWatchPacing.idleMs);
  const catalogReads = Math.ceil(periodMs / catalog.wholeReadEveryMs);
  return watchPolls + catalogReads * (1 + Math.ceil(catalog.items / catalog.pageSize));
}

/** The Builder tier's monthly allowance of metered reads for the whole app. */
export const defaultMonthlyReadAllowance = 500_000;

/** Share of the allowance (used or projected) from which status and logs warn. */
export const readWarningShare = 0.8;

/** A projection needs at least this much of the month behind it, so a few reads just after midnight do not alarm. */
export const minProjectionBasisMs = 24 * 3600_000;

/** The calendar month (UTC) a read counts in, as `YYYY-MM`. */
export function meteredMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Start and end (exclusive) of the UTC calendar month holding `at`, in epoch milliseconds. */
export function monthBounds(at: Date): { startMs: number; endMs: number } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return { startMs: Date.UTC(y, m, 1), endMs: Date.UTC(y, m + 1, 1) };
}

export type ReadUsageLevel = 'ok' | 'warning' | 'critical';

export interface ReadUsage {
  month: string;
  reads: number;
  allowance: number;
  /** reads ÷ allowance. */
  share: number;
  /** Reads at month-end if the pace so far continues. */
  projected: number;
  projectedShare: number;
  /** warning: ≥ 80 % used or projected; critical: ≥ 100 % used or projected (polling is stretched). */
  level: ReadUsageLevel;
}

/** The app's usage this month: `reads` so far at `now`, against `allowance`. */
export function readUsage(reads: number, allowance: number, now: Date): ReadUsage {
  const { startMs, endMs } = monthBounds(now);
  const basisMs = Math.max(minProjectionBasisMs, now.getTime() - startMs);
  const projected = Math.max(reads, Math.round((reads * (endMs - startMs)) / basisMs));
  const share = reads / allowance;
  const projectedShare = projected / allowance;
  const worst = Math.max(share, projectedShare);
  const level: ReadUsageLevel = worst >= 1 ? 'critical' : worst >= readWarningShare ? 'warning' : 'ok';
  return { month: meteredMonth(now), reads, allowance, share, projected, projectedShare, level };
}

/** The stretch factors polling intervals move through; the last one is used once the allowance is spent. */
export const readStretchSteps = [1.5, 2, 3, 4, 6, 8] as const;
export const maxReadStretch = 8;

/**
 * How much longer every metered polling interval (quantity watch, reconciliation) should be so the app's reads fit
 * in what is left of the allowance: 1 while neither the usage nor its projection reaches 100 %; otherwise the pace
 * so far over the pace the rest of the allowance affords, rounded up to the next step; the largest step once the
 * allowance is spent.
 */
export function readStretchFactor(reads: number, allowance: number, now: Date): number {
  const usage = readUsage(reads, allowance, now);
  if (usage.level !== 'critical') return 1;
  const left = allowance - reads;
  if (left <= 0) return maxReadStretch;
  const { startMs, endMs } = monthBounds(now);
  const basisMs = Math.max(minProjectionBasisMs, now.getTime() - startMs);
  const remainingMs = Math.max(0, endMs - now.getTime());
  const needed = (reads * remainingMs) / (basisMs * left);
  return readStretchSteps.find((step) => step >= needed) ?? maxReadStretch;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** One line on the app's usage: the figures, and at warning or critical what it means. */
export function readUsageMessage(usage: ReadUsage, stretch: number): string {
  const figures =
    `${usage.reads.toLocaleString('en-US')} of ${usage.allowance.toLocaleString('en-US')} QuickBooks reads in ` +
    `${usage.month} (${percent(usage.share)}); projected ${usage.projected.toLocaleString('en-US')} ` +
    `(${percent(usage.projectedShare)}) by month-end at the current pace`;
  if (usage.level === 'ok') return figures;
  const what =
    usage.level === 'warning'
      ? 'above 80 % of the monthly allowance; Intuit blocks the app for the rest of the month at 100 %'
      : `at or heading past the monthly allowance, after which Intuit blocks the app until next month: polling is stretched ×${stretch}`;
  return `${figures}. ${usage.level.toUpperCase()}: ${what}. Lower the per-connection read budgets, raise QBO_MONTHLY_READ_ALLOWANCE after moving to a paid tier, or connect fewer companies.`;
}
