import { FOUND_BY_WATCH } from '../../domain/adjustment-watch.js';
import type { UnannouncedChange, UnannouncedChangesPort } from '../port.js';
import { readChangesSince, type ChangeReadPageSizes, type QbdChanges } from './operations.js';
import { runQueued, type QbdQueueAccess } from './queued-send.js';
import { movementIdOfMemo } from './requests.js';
import type { QbdStockTxn } from './responses.js';

export interface QbdWatchOptions {
  access: QbdQueueAccess;
  /** The watch's step (poll): the same on every retry, so a retried poll finds its queued reads. */
  stepKey: string;
  /** Page sizes of the change reads; the defaults unless the deployment sets smaller ones. */
  pageSizes?: ChangeReadPageSizes;
}

const changedAt = (qbxmlTime: string) => Date.parse(qbxmlTime);

/**
 * QuickBooks Desktop announces nothing: what changed since the cursor is read at the Web Connector's next session,
 * over the work queue (six requests when the modified items fit one page). Its adjustments, invoices and sales
 * receipts name the items they moved, with their lines' quantities; the sync's own adjustments carry their movement id
 * at the end of the Memo; an item row carries its quantity now; a deleted inventory item asks its settle, which
 * reports it gone. A deleted transaction names no item, and an edited one names only the items of its lines now (an
 * item taken off it moved too): each transaction is handed on with its lines, which the watch diffs against the lines
 * it saw before, and reconciles only where it saw none.
 */
export function createQbdUnannouncedChanges(options: QbdWatchOptions): UnannouncedChangesPort {
  return {
    system: 'qbd',
    async changesSince(since) {
      const read = await runQueued(options.access, `${options.stepKey}:changes`, (send) =>
        readChangesSince(send, since, options.pageSizes),
      );
      return { changes: unannouncedChanges(read).sort((a, b) => a.changedAtMs - b.changedAtMs), incomplete: null };
    },
  };
}

/** Saved, then changed later: TimeModified past TimeCreated (both to the second). */
const isEdited = (txn: QbdStockTxn) =>
  txn.timeCreated !== null && changedAt(txn.timeModified) > changedAt(txn.timeCreated);

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
      // Each version of a transaction is a change of its own: an edit in the second of the version seen is not seen.
      key: `${txn.type}:${txn.txnId}:${txn.editSequence ?? txn.timeModified}`,
      changedAtMs: changedAt(txn.timeModified),
      reference: movementIdOfMemo(txn.memo) ?? txn.refNumber,
      itemIds: txn.itemIds,
      reason: `QuickBooks Desktop ${txn.type} ${txn.refNumber ?? txn.txnId} ${isEdited(txn) ? 'edited' : 'entered'} outside the sync (${FOUND_BY_WATCH})`,
      transaction: {
        entity: txn.type,
        id: txn.txnId,
        version: txn.editSequence,
        createdAtMs: txn.timeCreated === null ? Number.NaN : changedAt(txn.timeCreated),
        edited: isEdited(txn),
        lines: txn.lines,
      },
    })),
    ...read.deletedTxns.map((txn) => ({
      key: `TxnDeleted:${txn.id}`,
      changedAtMs: changedAt(txn.timeDeleted),
      reference: null,
      itemIds: [],
      reason: `QuickBooks Desktop ${txn.type} ${txn.refNumber ?? txn.id} was deleted (${FOUND_BY_WATCH})`,
      transaction: { entity: txn.type, id: txn.id, version: null, createdAtMs: Number.NaN, edited: true, lines: null },
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
