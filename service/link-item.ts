import { randomUUID } from 'node:crypto';
import type { ActivityDeps } from '../activities/deps.js';
import { requireConfiguredConnection } from '../activities/connection-guard.js';
import { checkManualLink, type ManualLinkRefusal } from '../domain/catalog/manual-link.js';
import type { System } from '../domain/systems.js';
import type { Side } from '../domain/sides.js';
import type { ItemKind } from '../domain/catalog/kinds.js';
import { sideNames, type SideNames } from '../integrations/registry.js';
import type { Connection } from '../storage/repositories/connections.js';
import { establishLink } from '../activities/catalog/link-catalog.js';
import { connectionSides } from '../activities/sides.js';
import type { LinkedItemIds } from '../domain/item-ids.js';

export interface ItemLinked {
  ok: true;
  historyId: number;
  accountingItemId: string;
  fieldItemId: string;
  kind: ItemKind;
  /**
   * The non-master side's quantity (the system on it) moves to the master's through the first settle, which has been
   * asked for.
   */
  quantityChange: { side: Side; system: System; from: number; to: number } | null;
  /** How users know the connection's systems and their records, by side. */
  names: Record<Side, SideNames>;
  summary: string;
}

export type LinkItemAnswer = ItemLinked | { ok: false; code: ManualLinkRefusal; reason: string };

/**
 * Links one accounting item and one field item by hand (`qzsync link-item`), under the rules automatic linking
 * follows, and sets the link up exactly as automatic linking does: base from the master, first settle requested.
 * A refusal changes nothing. Called by the operator API, so API errors keep their own explanation and fix. One API
 * read per system, whatever the catalog's size.
 */
export async function linkItemByHand(
  deps: ActivityDeps,
  input: { connectionId: string } & LinkedItemIds,
): Promise<LinkItemAnswer> {
  const { connectionId, accountingItemId, fieldItemId } = input;
  const { connection, settings } = await requireConfiguredConnection(deps, connectionId);
  const master = settings.productMaster;
  const names = sideNames(connection);
  const { accounting, field, linkedTo } = await readPair(deps, connection, input);
  const check = checkManualLink(
    {
      master,
      entries: { accounting: accounting?.entry ?? null, field: field?.entry ?? null },
      linkedTo,
      recordNames: { accounting: names.accounting.record, field: names.field.record },
    },
    { accountingItemId, fieldItemId },
  );
  if (!check.ok) return check;
  // The checks passed, so both records exist.
  const items = { accounting: accounting!, field: field! };
  await establishLink(deps, {
    connectionId,
    master,
    kind: check.link.kind,
    items,
    ids: { accountingItemId, fieldItemId },
  });
  const change = check.link.quantityChange;
  const systems: Record<Side, System> = { accounting: connection.accountingSystem, field: connection.fieldSystem };
  const move = change && { ...change, system: systems[change.side] };
  const summary =
    `Linked ${names.accounting.record} ${accountingItemId} "${items.accounting.entry.name}" and ${names.field.record} ${fieldItemId} "${items.field.entry.name}" by hand (${check.link.kind})` +
    (move
      ? `; ${names[move.side].system} moves from ${move.from} to ${move.to}, the ${names[master].system} quantity`
      : '');
  const historyId = await recordByHand(
    deps,
    { connectionId, accountingItemId, fieldItemId, summary },
    { kind: check.link.kind, quantityChange: move },
  );
  const { kind } = check.link;
  return { ok: true, historyId, accountingItemId, fieldItemId, kind, quantityChange: move, names, summary };
}

/** The two records as they are now (one read per system) and what each is linked to already. */
async function readPair(deps: ActivityDeps, connection: Connection, input: { connectionId: string } & LinkedItemIds) {
  const sides = await connectionSides(deps, connection);
  const [accounting, field, accountingLink, fieldLink] = await Promise.all([
    sides.accounting.readItem(input.accountingItemId),
    sides.field.readItem(input.fieldItemId),
    deps.store.links.get(input.connectionId, input.accountingItemId),
    deps.store.links.getByFieldItem(input.connectionId, input.fieldItemId),
  ]);
  return {
    accounting,
    field,
    linkedTo: { accounting: accountingLink?.fieldItemId ?? null, field: fieldLink?.accountingItemId ?? null },
  };
}

export type UnlinkItemAnswer =
  | {
      ok: true;
      historyId: number;
      accountingItemId: string;
      fieldItemId: string;
      names: Record<Side, SideNames>;
      summary: string;
    }
  | { ok: false; code: 'not_linked' | 'settling'; reason: string };

/**
 * Removes one item's link (`qzsync unlink-item`) and stops its quantity workflow; neither system is changed. Until
 * it is linked again (by hand, or by the next change, linking run or reconciliation, as any unlinked master item)
 * its quantity does not sync. Refused while a settle is half done, so no movement is lost.
 */
export async function unlinkItem(
  deps: ActivityDeps,
  input: { connectionId: string; accountingItemId: string },
): Promise<UnlinkItemAnswer> {
  const { connectionId, accountingItemId } = input;
  const names = sideNames(await deps.store.connections.get(connectionId));
  const item = `${names.accounting.record} ${accountingItemId}`;
  const removed = await deps.store.links.remove(connectionId, accountingItemId);
  if (removed === null) {
    return { ok: false, code: 'not_linked', reason: `${item} is not linked in ${connectionId}.` };
  }
  if (removed === 'settling') {
    return {
      ok: false,
      code: 'settling',
      reason: `${item} is settling its quantity right now; unlinking it would leave the settle half done.`,
    };
  }
  // With the link gone it has nothing left to settle; no plan was pending, so nothing is half written.
  await deps.workflows.stopItemQuantity(connectionId, accountingItemId, 'the item was unlinked');
  const { fieldItemId } = removed;
  const summary = `Unlinked ${item} and ${names.field.record} ${fieldItemId} by hand`;
  const historyId = await recordByHand(
    deps,
    { connectionId, accountingItemId, fieldItemId, summary },
    { unlinked: true, baseQty: removed.baseQty },
  );
  return { ok: true, historyId, accountingItemId, fieldItemId, names, summary };
}

/** The history row of a link made or removed by hand: succeeded at once, with no workflow behind it. */
function recordByHand(
  deps: ActivityDeps,
  row: { connectionId: string; summary: string } & LinkedItemIds,
  details: Record<string, unknown>,
): Promise<number> {
  return deps.store.history.record({
    dedupeKey: `by-hand:${row.connectionId}:${randomUUID()}`,
    connectionId: row.connectionId,
    kind: 'link',
    status: 'succeeded',
    accountingItemId: row.accountingItemId,
    fieldItemId: row.fieldItemId,
    summary: row.summary,
    details: { byHand: true, ...details },
  });
}
