import type { ItemKind } from './kinds.js';
import { pairEntries, type CatalogEntry, type LinkedIds, type PairedLink } from './matching.js';
import { otherSide, sides, type Side } from '../sides.js';

export interface ManualLinkInput {
  master: Side;
  /** The two records as read now, by side; null when the side's system has no such record. */
  entries: Record<Side, CatalogEntry | null>;
  /** What each record is linked to already on the other side; null when it is not linked. */
  linkedTo: Record<Side, string | null>;
  /** How users know each side's system and its records (its label and record word, e.g. "… item"), for the reasons. */
  recordNames: Record<Side, string>;
}

export type ManualLinkRefusal =
  'accounting_item_missing' | 'field_item_missing' | 'unsupported_type' | 'already_linked';

export type ManualLinkCheck = { ok: true; link: PairedLink } | { ok: false; code: ManualLinkRefusal; reason: string };

const refuse = (code: ManualLinkRefusal, reason: string): ManualLinkCheck => ({ ok: false, code, reason });

const missing: Record<Side, ManualLinkRefusal> = {
  accounting: 'accounting_item_missing',
  field: 'field_item_missing',
};

/**
 * Whether one accounting item and one field item may be linked by hand, and what the link sets up. Pure. The checks,
 * in order, are the conditions automatic linking puts on a match (both exist, both of a supported type, neither
 * linked already), each said to a person; the link itself is built as automatic linking builds it.
 */
export function checkManualLink(i: ManualLinkInput, ids: LinkedIds): ManualLinkCheck {
  const id: Record<Side, string> = { accounting: ids.accountingItemId, field: ids.fieldItemId };
  const named = (side: Side, itemId = id[side]) => `${i.recordNames[side]} ${itemId}`;
  for (const side of sides) {
    if (!i.entries[side]) return refuse(missing[side], `${named(side)} does not exist.`);
  }
  const entries = i.entries as Record<Side, CatalogEntry>;
  const kinds: Partial<Record<Side, ItemKind>> = {};
  for (const side of sides) {
    const kind = entries[side].kind;
    if (!kind.ok) return refuse('unsupported_type', `${kind.reason}.`);
    kinds[side] = kind.kind;
  }
  if (i.linkedTo.accounting === ids.fieldItemId) {
    return refuse('already_linked', `${named('accounting')} and ${named('field')} are linked already.`);
  }
  for (const side of sides) {
    const linkedTo = i.linkedTo[side];
    if (linkedTo) {
      return refuse('already_linked', `${named(side)} is linked already, to ${named(otherSide(side), linkedTo)}.`);
    }
  }
  const link = pairEntries(i.master, entries[i.master], entries[otherSide(i.master)], kinds[i.master]!);
  return { ok: true, link };
}
