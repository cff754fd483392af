import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { connectionSides, missingItem } from '../sides.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { sideOfSystem, systemLabel, type System } from '../../domain/systems.js';
import { sideNames } from '../../integrations/registry.js';
import { definitionStep } from '../../domain/catalog/definition-step.js';
import type { ConnectionSides } from '../../integrations/port.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { categoriesNotSynced } from './categories.js';
import { earlierAttemptsSince } from '../earlier-attempts.js';
import { copyItem, copySnapshotOf } from './copy-item.js';
import { pushDefinition } from './push-definition.js';

export interface SyncItemInput {
  connectionId: string;
  system: System;
  id: string;
  workflowId: string;
  runId: string;
}

export interface SyncItemResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'not-copied';
  qboItemId: string | null;
  zuperProductUid: string | null;
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
  const result = await decide({ deps, input, connection: { record: connection, sides } }, settings.productMaster);
  // Echoes of our own writes and unchanged items would drown the history; only real outcomes are recorded.
  if (result.outcome === 'unchanged') return result;
  await deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:item`,
    connectionId: input.connectionId,
    kind: 'item',
    status: result.outcome === 'not-copied' ? 'needs_attention' : 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    accountingItemId: result.qboItemId,
    fieldItemId: result.zuperProductUid,
    summary: result.summary,
    ...(result.outcome === 'not-copied'
      ? {
          explanation: result.summary,
          fix:
            result.fix ??
            `Create the item in ${sideNames(connection)[settings.productMaster].system} (the product master) or link it by hand with \`qzsync link-item ${input.connectionId} <QuickBooks item id> <Zuper product uid>\`.`,
        }
      : {}),
    details: { changed: result.changed, ...(result.notes?.length ? { notes: result.notes } : {}) },
  });
  return result;
}

interface ItemContext {
  deps: ActivityDeps;
  input: SyncItemInput;
  connection: { record: Connection; sides: ConnectionSides };
}

/** What the master's record allows once read: copying it (no link yet) or pushing its fields (linked). */
interface MasterRecord {
  copy(): Promise<SyncItemResult>;
  push(link: ItemLink): Promise<SyncItemResult>;
}

async function decide(c: ItemContext, master: Side): Promise<SyncItemResult> {
  const { deps, input } = c;
  const side = sideOfSystem(input.system);
  const link = await deps.store.links.getOnSide(input.connectionId, side, input.id);
  const step = definitionStep(side, master, link !== null);
  switch (step) {
    case 'report-not-copied': {
      // Where categories are items, a category's change (our own category copies included) arrives as an item
      // change; categories travel with their items.
      const port = c.connection.sides[side];
      if (port.capabilities.categoriesAreItems) {
        const item = await callApi(port.system, () => port.readItem(input.id));
        if (item?.category) return categoryChange(input);
      }
      return notFromMaster(c, master, link, step);
    }
    case 'report-ignored':
      return notFromMaster(c, master, link, step);
    case 'copy':
    case 'push': {
      const record = await readMaster(c, side);
      if (!('copy' in record)) return record;
      return link ? record.push(link) : record.copy();
    }
  }
}

/** The link's ids as the result names them. */
const resultIds = (ids: Record<Side, string | null>) => ({ qboItemId: ids.accounting, zuperProductUid: ids.field });

/** A change made in the system that is not the product master: reported, never copied. */
function notFromMaster(
  { input, connection }: ItemContext,
  master: Side,
  link: ItemLink | null,
  step: 'report-not-copied' | 'report-ignored',
): SyncItemResult {
  const changedIn = systemLabel(connection.sides[sideOfSystem(input.system)].system);
  const masterName = systemLabel(connection.sides[master].system);
  const ids = resultIds(
    sideOfSystem(input.system) === 'accounting'
      ? { accounting: input.id, field: link?.fieldItemId ?? null }
      : { accounting: link?.accountingItemId ?? null, field: input.id },
  );
  return step === 'report-ignored'
    ? {
        outcome: 'unchanged',
        ...ids,
        changed: [],
        summary: `Definition changes made in ${changedIn} are not copied: ${masterName} is the product master`,
      }
    : {
        outcome: 'not-copied',
        ...ids,
        changed: [],
        summary: `${changedIn} item ${input.id} was not copied: new items are only copied from ${masterName}, the product master`,
      };
}

/** Reads the changed record from the product master; what cannot be synced ends here, with its result or failure. */
async function readMaster(c: ItemContext, side: Side): Promise<MasterRecord | SyncItemResult> {
  const { deps, input, connection } = c;
  const { sides } = connection;
  const port = sides[side];
  const item = await callApi(port.system, () => port.readItem(input.id));
  if (!item) {
    const { code, gone, restore } = port.missingItem(input.id);
    throw needsAttention(code, `${gone}.`, `${restore}, or check the id.`);
  }
  if (item.category) return categoryChange(input);
  const other = otherSide(side);
  const kind = item.entry.kind;
  const name = item.entry.name;
  const ownIds = side === 'accounting' ? { accounting: input.id, field: null } : { accounting: null, field: input.id };
  if (!kind.ok) {
    return {
      outcome: 'not-copied',
      ...resultIds(ownIds),
      changed: [],
      summary: `"${name}": ${kind.reason}`,
      fix: `Keep this item in ${systemLabel(port.system)} only, or model it as items ${systemLabel(sides[other].system)} can hold.`,
    };
  }
  return {
    async copy() {
      const source = { side, id: input.id, kind: kind.kind, ...copySnapshotOf(item, kind.kind) };
      const link = await copyItem(deps, connection, source, earlierAttemptsSince());
      const note = item.definition(kind.kind).categoryId === null ? null : categoriesNotSynced(sides, other);
      return { ...copied(link, name, sides[other].system), ...(note ? { notes: [note] } : {}) };
    },
    async push(link) {
      const ids = { accounting: link.accountingItemId, field: link.fieldItemId };
      const current = await callApi(sides[other].system, () => sides[other].readItem(ids[other]));
      if (!current) throw missingItem(sides[other], link, ids[other], 'definition');
      const items = side === 'accounting' ? { accounting: item, field: current } : { accounting: current, field: item };
      const pushed = await pushDefinition(deps, { id: input.connectionId, sides }, link, side, items);
      return {
        ...summarise(pushed.changed, link, name, sides[other].system),
        ...(pushed.notes.length ? { notes: pushed.notes } : {}),
      };
    },
  };
}

const copied = (link: ItemLink, name: string, target: System): SyncItemResult => ({
  outcome: 'created',
  ...resultIds({ accounting: link.accountingItemId, field: link.fieldItemId }),
  changed: [],
  summary: `Copied "${name}" to ${systemLabel(target)}`,
});

const categoryChange = (input: SyncItemInput): SyncItemResult => ({
  outcome: 'unchanged',
  ...resultIds(
    sideOfSystem(input.system) === 'accounting'
      ? { accounting: input.id, field: null }
      : { accounting: null, field: input.id },
  ),
  changed: [],
  summary: `${systemLabel(input.system)} item ${input.id} is a category: categories are synced with the items placed in them`,
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
