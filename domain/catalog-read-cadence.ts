/** A scheduled run starts a little after its time; a read this much short of its interval old is due, so none overruns. */
const scheduledStartJitterMs = 5 * 60_000;

/**
 * Whether a scheduled reconciliation starting at `now` reads a side's whole catalog, for a side that asks for it at
 * most every `everyMs` (its `wholeCatalogEveryMs` capability; null: at every run).
 */
export function wholeCatalogReadDue(everyMs: number | null, lastReadAt: Date | null, now: Date): boolean {
  return (
    everyMs === null || lastReadAt === null || now.getTime() - lastReadAt.getTime() >= everyMs - scheduledStartJitterMs
  );
}
