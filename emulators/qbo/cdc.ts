import { entityDef } from './entities.js';
import { faults } from './fault-shapes.js';
import type { ChangeMark, Json, RealmStore } from './store.js';
import { parseQboInstant } from './time-format.js';

const thirtyDaysMs = 30 * 24 * 3600_000;

export interface CdcOptions {
  enforce30DayWindow: boolean;
  maxObjects: number;
  inventoryAdjustment: boolean;
}

interface Changed {
  entity: string;
  id: string;
  mark: ChangeMark;
}

/**
 * Change data capture: every record of the requested entities changed since `changedSince`, at most `maxObjects`
 * in total (oldest first, no paging), grouped per entity with live records before deletion stubs.
 */
export function runCdc(
  store: RealmStore,
  entitiesParam: string | undefined,
  changedSince: string | undefined,
  now: Date,
  opts: CdcOptions,
): Json {
  if (!entitiesParam) throw faults.requiredParam('Required parameter entities is missing in the request', 'entities');
  if (!changedSince)
    throw faults.requiredParam('Required parameter changedSince is missing in the request', 'changedSince');
  const sinceMs = parseQboInstant(changedSince);
  if (sinceMs === undefined) throw faults.malformedBody(`changedSince: invalid date ${changedSince}`);
  if (opts.enforce30DayWindow && sinceMs < now.getTime() - thirtyDaysMs) {
    // ASSUMPTION: the code is undocumented; the message follows QBO's "Operation … is not supported" family (code 500).
    throw faults.unsupportedOperation(
      `Operation cdc with changedSince date ${changedSince} which is older than fixed days is not supported.`,
    );
  }
  const names: string[] = [];
  for (const raw of entitiesParam.split(',')) {
    const def = entityDef(raw.trim());
    if (!def || names.includes(def.name)) continue;
    if (def.name === 'InventoryAdjustment' && !opts.inventoryAdjustment) continue;
    names.push(def.name);
  }
  const changed: Changed[] = [];
  for (const entity of names) {
    for (const [id, mark] of store.changesOf(entity)) if (mark.ms >= sinceMs) changed.push({ entity, id, mark });
  }
  changed.sort((a, b) => a.mark.seq - b.mark.seq);
  const kept = changed.slice(0, opts.maxObjects);

  const groups: Json[] = [];
  for (const entity of names) {
    const mine = kept.filter((c) => c.entity === entity);
    if (mine.length === 0) continue;
    const live = mine.filter((c) => !c.mark.deleted).map((c) => store.get(entity, c.id));
    const deleted = mine
      .filter((c) => c.mark.deleted)
      .map((c) => ({ domain: 'QBO', status: 'Deleted', Id: c.id, MetaData: { LastUpdatedTime: c.mark.lastUpdated } }));
    const rows = [...live.filter((r) => r !== undefined), ...deleted];
    groups.push({ [entity]: rows, startPosition: 1, maxResults: rows.length });
  }
  return { CDCResponse: [{ QueryResponse: groups.length > 0 ? groups : [{}] }] };
}
