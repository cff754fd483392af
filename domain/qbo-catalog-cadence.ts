/**
 * How often scheduled reconciliations read QuickBooks' whole catalog, a metered read per 1,000 items: every item is
 * checked at least daily, and in between QuickBooks changes come from the change watch (one read per interval).
 */
export const qboCatalogReadEveryMs = 24 * 3600_000;

/** A scheduled run starts a little after its time; a read this much short of a day old is due, so no day overruns. */
const scheduledStartJitterMs = 5 * 60_000;

/** Whether a scheduled reconciliation starting at `now` reads QuickBooks' whole catalog. */
export function qboCatalogReadDue(lastReadAt: Date | null, now: Date): boolean {
  return lastReadAt === null || now.getTime() - lastReadAt.getTime() >= qboCatalogReadEveryMs - scheduledStartJitterMs;
}
