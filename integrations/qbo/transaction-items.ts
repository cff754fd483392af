import type { QboLine, QboTransaction } from './schemas/transaction.js';

function lineItemId(line: Omit<QboLine, 'GroupLineDetail'>): string | undefined {
  return (
    line.SalesItemLineDetail?.ItemRef?.value ??
    line.ItemBasedExpenseLineDetail?.ItemRef.value ??
    line.ItemAdjustmentLineDetail?.ItemRef.value
  );
}

/**
 * Ids of the items whose stock a transaction moves, in line order without repeats. A bundle (GroupLine) moves its
 * components, so its nested lines count, not the bundle item itself.
 */
export function transactionItemIds(tx: Pick<QboTransaction, 'Line'>): string[] {
  const ids = tx.Line.flatMap((line) => [line, ...(line.GroupLineDetail?.Line ?? [])]).map(lineItemId);
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
