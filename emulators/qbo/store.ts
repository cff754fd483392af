import { qboDateTime } from './time-format.js';

export type Json = Record<string, unknown>;

/** A stored record: exactly the JSON QBO returns for it. */
export type Entity = Json & {
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
};

/** Last change of one record, for CDC: when, in which order, and whether it was a hard delete. */
export interface ChangeMark {
  ms: number;
  seq: number;
  deleted: boolean;
  lastUpdated: string;
}

export interface CompanySettings {
  companyName: string;
  country: string;
  itemCategoriesFeature: boolean;
  /** InventoryAdjustment is US-only. */
  inventoryAdjustmentSupported: boolean;
  /** Preferences.ProductAndServicesPrefs.QuantityOnHand (track quantity on hand). */
  trackQuantityOnHand: boolean;
}

export interface StoredResponse {
  status: number;
  body: string;
}

const maxRememberedRequestIds = 100_000;
/** Replies kept across a restart for `requestid` replay: the newest ones, so the state file stays small. */
const persistedRequestIds = 2_000;

/** Everything one QBO company holds. Records are plain JSON objects in Maps keyed by Id. */
export class RealmStore {
  private readonly tables = new Map<string, Map<string, Entity>>();
  private readonly counters = new Map<string, number>();
  private readonly changes = new Map<string, Map<string, ChangeMark>>();
  private changeSeq = 0;
  /** Lowercased item name → Id (names are unique, case-insensitively, including inactive items). */
  readonly itemNames = new Map<string, string>();
  /** Parent item Id → child Ids. */
  readonly itemChildren = new Map<string, Set<string>>();
  /** `${entity}:${id}` → QtyOnHand change each item received from that transaction. */
  readonly txnEffects = new Map<string, Map<string, number>>();
  /** `${entity}:${id}` → display name of who wrote it last (for 5010 details). */
  readonly lastEditor = new Map<string, string>();
  readonly requestIds = new Map<string, StoredResponse>();

  constructor(
    readonly realmId: string,
    public company: CompanySettings,
  ) {}

  table(entity: string): Map<string, Entity> {
    let table = this.tables.get(entity);
    if (!table) {
      table = new Map();
      this.tables.set(entity, table);
    }
    return table;
  }

  get(entity: string, id: string): Entity | undefined {
    return this.tables.get(entity)?.get(id);
  }

  nextId(space: string): string {
    const next = (this.counters.get(space) ?? 0) + 1;
    this.counters.set(space, next);
    return String(next);
  }

  /** Makes ids of `space` continue after `n` (seeded records use fixed ids). */
  reserveIds(space: string, n: number): void {
    this.counters.set(space, Math.max(this.counters.get(space) ?? 0, n));
  }

  /** Stores a created or updated record and marks it changed at `now`. */
  put(entity: string, record: Entity, now: Date): void {
    this.table(entity).set(record.Id, record);
    this.mark(entity, record.Id, now, false);
  }

  /** Hard-deletes a record, leaving a tombstone for CDC. */
  remove(entity: string, id: string, now: Date): void {
    this.tables.get(entity)?.delete(id);
    this.mark(entity, id, now, true);
  }

  changesOf(entity: string): ReadonlyMap<string, ChangeMark> {
    return this.changes.get(entity) ?? new Map();
  }

  rememberResponse(requestId: string, response: StoredResponse): void {
    this.requestIds.set(requestId, response);
    if (this.requestIds.size > maxRememberedRequestIds) {
      const oldest = this.requestIds.keys().next();
      if (!oldest.done) this.requestIds.delete(oldest.value);
    }
  }

  /** Every field, for the state file (Maps stay Maps; the state file's encoding keeps them). */
  snapshot(): Record<string, unknown> {
    const recentReplies = [...this.requestIds.entries()].slice(-persistedRequestIds);
    return { ...(this as object), requestIds: new Map(recentReplies) };
  }

  static restore(fields: Record<string, unknown>): RealmStore {
    const store = new RealmStore(String(fields.realmId), fields.company as CompanySettings);
    return Object.assign(store, fields);
  }

  private mark(entity: string, id: string, now: Date, deleted: boolean): void {
    let marks = this.changes.get(entity);
    if (!marks) {
      marks = new Map();
      this.changes.set(entity, marks);
    }
    // Re-insert so each map stays in change order.
    marks.delete(id);
    marks.set(id, { ms: now.getTime(), seq: ++this.changeSeq, deleted, lastUpdated: qboDateTime(now) });
  }
}

/** `"0"` → `"1"`: SyncToken is a decimal string. */
export function nextSyncToken(token: string): string {
  return String(Number(token) + 1);
}

export function metaData(created: Date, updated: Date = created): Entity['MetaData'] {
  return { CreateTime: qboDateTime(created), LastUpdatedTime: qboDateTime(updated) };
}
