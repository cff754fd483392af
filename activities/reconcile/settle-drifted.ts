import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import type { SettleResult } from '../../domain/settle-request.js';
import type { DriftedItem } from './scan-drift.js';

export interface DriftOutcome {
  item: DriftedItem;
  result: SettleResult;
}

const CONCURRENCY = 8;

/**
 * Asks each drifted item's quantity workflow to settle now (starting it if idle) and waits for the result, so the
 * report says what was corrected. The update id makes a retried activity reuse the same request.
 */
export async function settleDrifted(
  deps: ActivityDeps,
  input: { connectionId: string; reconcileRunId: string; items: DriftedItem[] },
): Promise<DriftOutcome[]> {
  const outcomes: DriftOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < input.items.length) {
      const item = input.items[next++]!;
      const result = await deps.workflows.settleNow(
        { connectionId: input.connectionId, accountingItemId: item.qboItemId, fieldItemId: item.zuperProductUid },
        item.qbo === null
          ? // A run that read Zuper only found Zuper's drift; QuickBooks' comes from the change watch.
            { reason: 'reconciliation found drift in Zuper', origin: 'field' }
          : {
              reason: 'reconciliation found drift',
              snapshot: { qbo: item.qbo, zuper: item.zuper, linkVersion: item.linkVersion },
            },
        `${input.reconcileRunId}:${item.qboItemId}`,
      );
      outcomes.push({ item, result });
      heartbeat({ settled: outcomes.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, input.items.length) }, worker));
  return outcomes;
}
