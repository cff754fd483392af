/**
 * A linked item's ids as workflow runs and activity tasks from before the side-neutral settle name them. Can go once
 * no running or replayed history holds one.
 */
import type { LinkedItemIds } from '../item-ids.js';

/** The same ids as workflow runs and activity tasks from before the side-neutral settle name them. */
interface LegacyItemIds {
  qboItemId: string;
  zuperProductUid: string;
}

export type ItemIdsInput = LinkedItemIds | LegacyItemIds;

/** Reads ids in either naming, so runs started before the side-neutral settle go on after an upgrade. */
export const linkedItemIdsOf = (ids: ItemIdsInput): LinkedItemIds =>
  'accountingItemId' in ids
    ? { accountingItemId: ids.accountingItemId, fieldItemId: ids.fieldItemId }
    : { accountingItemId: ids.qboItemId, fieldItemId: ids.zuperProductUid };

export type AccountingItemIdInput = { accountingItemId: string } | { qboItemId: string };

export const accountingItemIdOf = (ids: AccountingItemIdInput): string =>
  'accountingItemId' in ids ? ids.accountingItemId : ids.qboItemId;
