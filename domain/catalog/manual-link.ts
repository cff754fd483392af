import { pairEntries, type CatalogEntry, type PairedLink } from './matching.js';
import type { System } from '../systems.js';

export interface ManualLinkInput {
  master: System;
  /** The two records as read now; null when the system has no such record. */
  qbo: CatalogEntry | null;
  zuper: CatalogEntry | null;
  /** The Zuper product the QuickBooks item is linked to already, and the other way round. */
  qboLinkedTo: string | null;
  zuperLinkedTo: string | null;
}

export type ManualLinkRefusal = 'qbo_item_missing' | 'zuper_product_missing' | 'unsupported_type' | 'already_linked';

export type ManualLinkCheck = { ok: true; link: PairedLink } | { ok: false; code: ManualLinkRefusal; reason: string };

const refuse = (code: ManualLinkRefusal, reason: string): ManualLinkCheck => ({ ok: false, code, reason });

/**
 * Whether one QuickBooks item and one Zuper product may be linked by hand, and what the link sets up. Pure. The
 * checks, in order, are the conditions automatic linking puts on a match (both exist, both of a supported type,
 * neither linked already), each said to a person; the link itself is built as automatic linking builds it.
 */
export function checkManualLink(i: ManualLinkInput, qboItemId: string, zuperProductUid: string): ManualLinkCheck {
  if (!i.qbo) return refuse('qbo_item_missing', `QuickBooks has no item ${qboItemId}.`);
  if (!i.zuper) return refuse('zuper_product_missing', `Zuper has no product ${zuperProductUid}.`);
  if (!i.qbo.kind.ok) return refuse('unsupported_type', `${i.qbo.kind.reason}.`);
  if (!i.zuper.kind.ok) return refuse('unsupported_type', `${i.zuper.kind.reason}.`);
  if (i.qboLinkedTo === zuperProductUid) {
    return refuse(
      'already_linked',
      `QuickBooks item ${qboItemId} and Zuper product ${zuperProductUid} are linked already.`,
    );
  }
  if (i.qboLinkedTo) {
    return refuse(
      'already_linked',
      `QuickBooks item ${qboItemId} is linked already, to Zuper product ${i.qboLinkedTo}.`,
    );
  }
  if (i.zuperLinkedTo) {
    return refuse(
      'already_linked',
      `Zuper product ${zuperProductUid} is linked already, to QuickBooks item ${i.zuperLinkedTo}.`,
    );
  }
  const link =
    i.master === 'qbo'
      ? pairEntries('qbo', i.qbo, i.zuper, i.qbo.kind.kind)
      : pairEntries('zuper', i.zuper, i.qbo, i.zuper.kind.kind);
  return { ok: true, link };
}
