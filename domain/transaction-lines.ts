/**
 * The stock lines of a transaction as last seen: per item and site, the quantity its lines move (null when a line of
 * that item states none, so nothing can be compared). An edit is diffed against them, so only the items whose lines
 * changed need to settle.
 */
export interface StockLine {
  itemId: string;
  /** The inventory site the line draws on; null where the line names none. */
  siteId: string | null;
  quantity: number | null;
}

const lineKey = (line: Pick<StockLine, 'itemId' | 'siteId'>) => `${line.itemId}\u0000${line.siteId ?? ''}`;

/** One line per item and site, their quantities summed (null when any of them states none). */
export function stockLinesOf(lines: readonly StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const line of lines) {
    const seen = merged.get(lineKey(line));
    if (!seen) merged.set(lineKey(line), { ...line });
    else seen.quantity = seen.quantity === null || line.quantity === null ? null : seen.quantity + line.quantity;
  }
  return [...merged.values()];
}

/**
 * The items whose stock an edit moved: those whose quantity at some site differs between the lines seen before and
 * the lines now (an item taken off the transaction, or put on it, included). A quantity not stated counts as changed.
 */
export function itemsMovedByEdit(before: readonly StockLine[], now: readonly StockLine[]): string[] {
  const quantities = (lines: readonly StockLine[]) =>
    new Map(stockLinesOf(lines).map((line) => [lineKey(line), line] as const));
  const was = quantities(before);
  const is = quantities(now);
  const moved = new Set<string>();
  for (const key of new Set([...was.keys(), ...is.keys()])) {
    const a = was.get(key);
    const b = is.get(key);
    if (a?.quantity === null || b?.quantity === null || (a?.quantity ?? 0) !== (b?.quantity ?? 0))
      moved.add((a ?? b)!.itemId);
  }
  return [...moved];
}
