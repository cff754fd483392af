import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { connectionSides, missingItem } from '../sides.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { systemLabel, type System } from '../../domain/systems.js';
import { sideNames } from '../../integrations/registry.js';
import { definitionStep } from '../../domain/catalog/definition-step.js';
import { itemSyncTargetOf, type ItemSyncTargetInput } from '../../domain/recorded-shapes/item-sync-target.js';
import type { ConnectionSides } from '../../integrations/port.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { categoriesNotSynced } from './categories.js';
import { earlierAttemptsSince } from '../earlier-attempts.js';
import { copyItem, copySnapshotOf } from './copy-item.js';
import { pushDefinition } from './push-definition.js';

/** The item by side and id; a task scheduled by a run started before names it by catalog (`itemSyncTargetOf`). */
export type SyncItemInput = ItemSyncTargetInput & {
  connectionId: string;
  workflowId: string;
  runId: string;
};

/**
 * What one sync did, with the item's id on each side (null where it has none). Results recorded before the
 * side-neutral item sync name the ids as `linkedItemIdsOf` reads them.
 */
export interface SyncItemResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'not-copied';
  accountingItemId: string | null;
  fieldItemId: string | null;
  changed: string[];
  summary: string;
  /** How the user gets a not-copied item synced, where it is not "create it in the master or link it by hand". */
  fix?: string;
  /** What was left alone and why (a side without categories). */
  notes?: string[];
}

/**
 * One item's definition sync from the product master: copy it (with a link) when the other system lacks it, or push
 * the fields that differ. Changes made in the non-master system are reported, not copied. Writes the history row.
 */
export async function syncItem(deps: ActivityDeps, input: SyncItemInput): Promise<SyncItemResult> {
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const sides = await connectionSides(deps, connection);
  const item = { connectionId: input.connectionId, ...itemSyncTargetOf(input) };
  const result = await decide({ deps, item, connection: { record: connection, sides } }, settings.productMaster);
  // Echoes of our own writes and unchanged items would drown the history; only real outcomes are recorded.
  if (result.outcome === 'unchanged') return result;
  await deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:item`,
    connectionId: input.connectionId,
    kind: 'item',
    status: result.outcome === 'not-copied' ? 'needs_attention' : 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    accountingItemId: result.accountingItemId,
    fieldItemId: result.fieldItemId,
    summary: result.summary,
    ...(result.outcome === 'not-copied'
      ? {
          explanation: result.summary,
          fix:
            result.fix ??
            `Create the item in ${sideNames(connection)[settings.productMaster].system} (the product master) or link it by hand with \`qzsync link-item ${input.connectionId} <accounting item id> <field item id>\`.`,
        }
      : {}),
    details: { changed: result.changed, ...(result.notes?.length ? { notes: result.notes } : {}) },
  });
  return result;
}

/** The item synced: its connection, side and id there. */
interface SyncedItem {
  connectionId: string;
  side: Side;
  itemId: string;
}

interface ItemContext {
  deps: ActivityDeps;
  item: SyncedItem;
  connection: { record: Connection; sides: ConnectionSides };
}

/** What the master's record allows once read: copying it (no link yet) or pushing its fields (linked). */
interface MasterRecord {
  copy(): Promise<SyncItemResult>;
  push(link: ItemLink): Promise<SyncItemResult>;
}

async function decide(c: ItemContext, master: Side): Promise<SyncItemResult> {
  const { deps, item } = c;
  const { side } = item;
  const changedIn = c.connection.sides[side].system;
  const masterSystem = c.connection.sides[master].system;
  const link = await deps.store.links.getOnSide(item.connectionId, side, item.itemId);
  const step = definitionStep(side, master, link !== null);
  switch (step) {
    case 'report-not-copied': {
      // Where categories are items, a category's change (our own category copies included) arrives as an item
      // change; categories travel with their items.
      const port = c.connection.sides[side];
      if (port.capabilities.categoriesAreItems) {
        const read = await callApi(port.system, () => port.readItem(item.itemId));
        if (read?.category) return categoryChange(item, changedIn);
      }
      return notFromMaster(item, changedIn, masterSystem, link, step);
    }
    case 'report-ignored':
      return notFromMaster(item, changedIn, masterSystem, link, step);
    case 'copy':
    case 'push': {
      const record = await readMaster(c, side);
      if (!('copy' in record)) return record;
      return link ? record.push(link) : record.copy();
    }
  }
}

/** The link's ids as the result names them. */
const resultIds = (ids: Record<Side, string | null>) => ({ accountingItemId: ids.accounting, fieldItemId: ids.field });

/** The synced item's own id on its side, and the other side's from its link (none without). */
const idsOf = (item: SyncedItem, link: ItemLink | null) =>
  resultIds(
    item.side === 'accounting'
      ? { accounting: item.itemId, field: link?.fieldItemId ?? null }
      : { accounting: link?.accountingItemId ?? null, field: item.itemId },
  );

/** A change made in the system that is not the product master: reported, never copied. */
function notFromMaster(
  item: SyncedItem,
  changedIn: System,
  master: System,
  link: ItemLink | null,
  step: 'report-not-copied' | 'report-ignored',
): SyncItemResult {
  const ids = idsOf(item, link);
  return step === 'report-ignored'
    ? {
        outcome: 'unchanged',
        ...ids,
        changed: [],
        summary: `Definition changes made in ${systemLabel(changedIn)} are not copied: ${systemLabel(master)} is the product master`,
      }
    : {
        outcome: 'not-copied',
        ...ids,
        changed: [],
        summary: `${systemLabel(changedIn)} item ${item.itemId} was not copied: new items are only copied from ${systemLabel(master)}, the product master`,
      };
}

/** Reads the changed record from the product master; what cannot be synced ends here, with its result or failure. */
async function readMaster(c: ItemContext, side: Side): Promise<MasterRecord | SyncItemResult> {
  const { deps, item: synced, connection } = c;
  const { sides } = connection;
  const port = sides[side];
  const item = await callApi(port.system, () => port.readItem(synced.itemId));
  if (!item) {
    const { code, gone, restore } = port.missingItem(synced.itemId);
    throw needsAttention(code, `${gone}.`, `${restore}, or check the id.`);
  }
  if (item.category) return categoryChange(synced, port.system);
  const other = otherSide(side);
  const kind = item.entry.kind;
  const name = item.entry.name;
  if (!kind.ok) {
    return {
      outcome: 'not-copied',
      ...idsOf(synced, null),
      changed: [],
      summary: `"${name}": ${kind.reason}`,
      fix: `Keep this item in ${systemLabel(port.system)} only, or model it as items ${systemLabel(sides[other].system)} can hold.`,
    };
  }
  return {
    async copy() {
      const source = { side, id: synced.itemId, kind: kind.kind, ...copySnapshotOf(item, kind.kind) };
      const retriedSince = earlierAttemptsSince() ?? (await lastSyncFailedSince(deps, synced));
      const link = await copyItem(deps, connection, source, retriedSince);
      const note = item.definition(kind.kind).categoryId === null ? null : categoriesNotSynced(sides, other);
      return { ...copied(link, name, sides[other].system), ...(note ? { notes: [note] } : {}) };
    },
    async push(link) {
      const ids = { accounting: link.accountingItemId, field: link.fieldItemId };
      const current = await callApi(sides[other].system, () => sides[other].readItem(ids[other]));
      if (!current) throw missingItem(sides[other], link, ids[other], 'definition');
      const items = side === 'accounting' ? { accounting: item, field: current } : { accounting: current, field: item };
      const pushed = await pushDefinition(deps, { id: synced.connectionId, sides }, link, side, items);
      return {
        ...summarise(pushed.changed, link, name, sides[other].system),
        ...(pushed.notes.length ? { notes: pushed.notes } : {}),
      };
    },
  };
}

/**
 * An item sync gives up (its last attempt failed) at most this long after its first attempt began: 25 attempts of at
 * most 30 s, with backoff of at most a minute between them (`apiActivityOptions`), take about half of it.
 */
const itemSyncAttemptsSpanMs = 3_600_000;

/**
 * When the item's last sync may have begun, if it failed: it may have created the copy before failing (a system may
 * add an item, then give it its starting quantity), so this sync looks for that copy as a retry would.
 */
async function lastSyncFailedSince(deps: ActivityDeps, item: SyncedItem): Promise<Date | null> {
  const [last] = await deps.store.history.list({
    connectionId: item.connectionId,
    kind: 'item',
    ...(item.side === 'accounting' ? { accountingItemId: item.itemId } : { fieldItemId: item.itemId }),
    limit: 1,
  });
  if (last?.status !== 'failed' && last?.status !== 'needs_attention') return null;
  return new Date(last.startedAt.getTime() - itemSyncAttemptsSpanMs);
}

const copied = (link: ItemLink, name: string, target: System): SyncItemResult => ({
  outcome: 'created',
  ...resultIds({ accounting: link.accountingItemId, field: link.fieldItemId }),
  changed: [],
  summary: `Copied "${name}" to ${systemLabel(target)}`,
});

const categoryChange = (item: SyncedItem, system: System): SyncItemResult => ({
  outcome: 'unchanged',
  ...idsOf(item, null),
  changed: [],
  summary: `${systemLabel(system)} item ${item.itemId} is a category: categories are synced with the items placed in them`,
});

const summarise = (changed: string[], link: ItemLink, name: string, target: System): SyncItemResult => ({
  outcome: changed.length > 0 ? 'updated' : 'unchanged',
  ...resultIds({ accounting: link.accountingItemId, field: link.fieldItemId }),
  changed,
  summary:
    changed.length > 0
      ? `Updated ${changed.join(', ')} of "${name}" in ${systemLabel(target)}`
      : `"${name}" already matches in ${systemLabel(target)}`,
});
