/** A linked item's id on each side. */
export interface LinkedItemIds {
  accountingItemId: string;
  fieldItemId: string;
}
