import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import type { StoredSettleResult } from '../../domain/recorded-shapes/settle-request.js';
import { type DriftedItem } from '../../domain/drift-report.js';
import { driftedItemOf, type StoredDriftedItem } from '../../domain/recorded-shapes/drift-report.js';

export interface DriftOutcome {
  item: DriftedItem;
  /** Outcomes recorded before the side-neutral result hold it in the older shape. */
  result: StoredSettleResult;
}

const CONCURRENCY = 8;

/**
 * Asks each drifted item's quantity workflow to settle now (starting it if idle) and waits for the result, so the
 * report says what was corrected. The update id makes a retried activity reuse the same request.
 */
export async function settleDrifted(
  deps: ActivityDeps,
  /** Items in either shape: a task scheduled before the side-neutral report names them after the vendors. */
  input: { connectionId: string; reconcileRunId: string; items: StoredDriftedItem[] },
): Promise<DriftOutcome[]> {
  const outcomes: DriftOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < input.items.length) {
      const item = driftedItemOf(input.items[next++]!);
      const { accounting, field } = item.quantities;
      const result = await deps.workflows.settleNow(
        { connectionId: input.connectionId, accountingItemId: item.accountingItemId, fieldItemId: item.fieldItemId },
        accounting === null
          ? // A run that read the field side only found its drift; the accounting side's comes from the change watch.
            { reason: 'reconciliation found drift on the field side', origin: 'field' }
          : {
              reason: 'reconciliation found drift',
              snapshot: { accounting, field, linkVersion: item.linkVersion },
            },
        `${input.reconcileRunId}:${item.accountingItemId}`,
      );
      outcomes.push({ item, result });
      heartbeat({ settled: outcomes.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, input.items.length) }, worker));
  return outcomes;
}
