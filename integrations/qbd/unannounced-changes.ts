import { FOUND_BY_WATCH } from '../../domain/adjustment-watch.js';
import type { UnannouncedChange, UnannouncedChangesPort } from '../port.js';
import { readChangesSince, type QbdChanges } from './operations.js';
import { runQueued, type QbdQueueAccess } from './queued-send.js';
import { movementIdOfMemo } from './requests.js';

export interface QbdWatchOptions {
  access: QbdQueueAccess;
  /** The watch's step (poll): the same on every retry, so a retried poll finds its queued reads. */
  stepKey: string;
}

const changedAt = (qbxmlTime: string) => Date.parse(qbxmlTime);

/**
 * QuickBooks Desktop announces nothing: what changed since the cursor is read at the Web Connector's next session,
 * over the work queue (six requests when the modified items fit one page). Its adjustments, invoices and sales
 * receipts name the items they moved; the sync's own adjustments carry their movement id at the end of the Memo; an
 * item row carries its quantity now; a deleted inventory item asks its settle, which reports it gone. A deleted
 * transaction names no item, so the changes are then incomplete and the watch reconciles.
 */
export function createQbdUnannouncedChanges(options: QbdWatchOptions): UnannouncedChangesPort {
  return {
    system: 'qbd',
    async changesSince(since) {
      const read = await runQueued(options.access, `${options.stepKey}:changes`, (send) =>
        readChangesSince(send, since),
      );
      const deleted = read.deletedTxns[0];
      return {
        changes: unannouncedChanges(read).sort((a, b) => a.changedAtMs - b.changedAtMs),
        incomplete:
          deleted === undefined
            ? null
            : `QuickBooks Desktop ${deleted.type} ${deleted.id} was deleted, and a deleted transaction names no item`,
      };
    },
  };
}

function unannouncedChanges(read: QbdChanges): UnannouncedChange[] {
  const outside = `changed outside the sync (${FOUND_BY_WATCH})`;
  return [
    ...read.items.map((item) => ({
      key: `Item:${item.id}`,
      changedAtMs: changedAt(item.timeModified),
      reference: null,
      itemIds: [item.id],
      ...(item.quantityOnHand === null ? {} : { itemQuantity: item.quantityOnHand }),
      reason: `QuickBooks Desktop item ${item.fullName} ${outside}`,
    })),
    ...read.transactions.map((txn) => ({
      key: `${txn.type}:${txn.txnId}`,
      changedAtMs: changedAt(txn.timeModified),
      reference: movementIdOfMemo(txn.memo) ?? txn.refNumber,
      itemIds: txn.itemIds,
      reason: `QuickBooks Desktop ${txn.type} ${txn.refNumber ?? txn.txnId} ${outside}`,
    })),
    ...read.deletedItems.map((item) => ({
      key: `ItemDeleted:${item.id}`,
      changedAtMs: changedAt(item.timeDeleted),
      reference: null,
      itemIds: [item.id],
      reason: `QuickBooks Desktop item ${item.fullName} was deleted (${FOUND_BY_WATCH})`,
    })),
  ];
}
