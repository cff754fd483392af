import type { ItemDefinition } from '../domain/catalog/definition.js';
import type { AnnouncedChange } from '../domain/change-events.js';
import type { ItemKind } from '../domain/catalog/kinds.js';
import type { CatalogEntry } from '../domain/catalog/matching.js';
import type { MovementCursor } from '../domain/movement-cursor.js';
import type { Side } from '../domain/sides.js';
import type { StockLine } from '../domain/transaction-lines.js';
import type { System } from '../domain/systems.js';
import type { Env } from '../config/env.js';
import type { Store } from './store.js';

/**
 * The port every system the sync connects implements, whichever side it sits on (docs/sides.md). The settle, its
 * activities and the ledger only speak to this; what QuickBooks or Zuper need to keep a write exactly once (request
 * ids, document numbers, remarks, locations, accounts) stays inside the implementation.
 */
export interface QuantityPort {
  readonly system: System;
  readonly side: Side;
  readonly capabilities: SideCapabilities;
  /** The item's quantity on hand (all locations together) and its name; null when the item no longer exists. */
  readQuantity(itemId: string): Promise<{ quantity: number; name: string } | null>;
  /**
   * Writes a relative movement exactly once and answers the system's reference to it. `mayHaveLanded`: an earlier
   * attempt may have written it and lost the answer, so the movement is looked up by its id before writing again.
   */
  applyMovement(movement: QuantityMovement, mayHaveLanded: boolean): Promise<string>;
  /** What happened to an item `readQuantity` no longer finds, and how the user gets it back. */
  missingItem(itemId: string): { code: string; gone: string; restore: string };
}

export interface QuantityMovement {
  itemId: string;
  /** Non-zero relative change. */
  change: number;
  /** The idempotency key the write carries where the system can keep it, and finds it by later. */
  movementId: string;
  /** The key of this attempt's request, for systems that replay answers by request id (movementRequestId). */
  requestId: string;
  reason: string;
  /** When the settle was planned: no earlier write can be this movement. */
  plannedAt: Date;
}

/** What a system can do, so the sync asks capabilities rather than which system it is. */
export interface SideCapabilities {
  /** Item categories that the catalog sync can mirror. */
  categories: boolean;
  /** Stock kept per location or inventory site (movements then land at the connection's default one). */
  locations: boolean;
  /** Announces changes by webhook; without it changes are found by polling. */
  pushNotifications: boolean;
  /**
   * Some quantity changes are never announced (QuickBooks sends no webhook for inventory adjustments), so a watch
   * polls for them between reconciliations.
   */
  unannouncedQuantityChanges: boolean;
  /**
   * The system calls the service on its own schedule and is reached only then (QuickBooks Desktop's Web Connector):
   * every read waits for its next poll, so the quantity watch reads once per poll rather than on a clock of its own.
   */
  reachedWhenItPolls: boolean;
  /** Several writes in one request. */
  batchWrites: boolean;
  /**
   * Categories are records of the item catalog (QuickBooks): a category's change arrives as an item change, and is
   * no item to copy.
   */
  categoriesAreItems: boolean;
  /**
   * How often scheduled reconciliations read the whole catalog, where reading it costs (QuickBooks Online meters
   * reads): in between, the side's changes reach the sync by its webhooks or watch. Null: at every run.
   */
  wholeCatalogEveryMs: number | null;
}

/** One item as linking, the catalog sync and reconciliation see it, whichever system holds it. */
export interface CatalogItem {
  /**
   * What linking matches it by. An item read alone (`readItem`) may have no category name where naming it would cost
   * another call; only matching names within a category uses it, and that reads whole catalogs.
   */
  entry: CatalogEntry;
  /** Quantity on hand (all locations together), rounded as the settle compares quantities. */
  onHand: number;
  /** Its definition as a link of this kind syncs it. */
  definition(kind: ItemKind): ItemDefinition;
  /**
   * Its category's name as `categoryName` answers it (null: none, or the side's stand-in for none), so a copy names
   * its category without another call; undefined where the read did not name it (`readItem` on some sides).
   */
  copiedCategoryName: string | null | undefined;
  /** The system's version of the record, which an update must name where the system refuses stale writes. */
  version: string | null;
  /** The record is a category (where categories are items): categories sync with the items placed in them. */
  category: boolean;
}

/** Where a definition written to a side comes from: for the explanations the side gives and for its retry keys. */
export interface DefinitionOrigin {
  /** The system it was copied from, as users know it. */
  systemLabel: string;
  /** The item's (or category's) id there. */
  id: string;
  /** Unique to the connection and the origin record: a retried create carries it and creates nothing twice. */
  key: string;
}

/** An item to create on a side from the master's definition. */
export interface NewItem {
  kind: ItemKind;
  /** Its category already in this side's ids (null: none). */
  definition: ItemDefinition;
  /** The quantity it starts with where the side keeps one for its kind: on hand for inventory. */
  quantity: number | null;
}

/** One item for `createItems`: what to create and where its definition comes from. */
export interface ItemCreation {
  item: NewItem;
  origin: DefinitionOrigin;
}

export type ItemCreationOutcome = { id: string } | { error: Error };

/** A create's failure as its outcome when no retry can fix it; rethrown when one may (the whole call is retried). */
export function failedCreation(error: unknown): ItemCreationOutcome {
  if (error instanceof Error && (error as { retryable?: unknown }).retryable === false) return { error };
  throw error;
}

/** A whole catalog by id from its pages (`readCatalog` of a side that reads pages); `progress` hears each page. */
export async function collectCatalog(
  pages: AsyncIterable<CatalogItem[]>,
  progress: (count: number) => void,
): Promise<Map<string, CatalogItem>> {
  const items = new Map<string, CatalogItem>();
  for await (const page of pages) {
    for (const item of page) items.set(item.entry.id, item);
    progress(items.size);
  }
  return items;
}

/** The catalog half of the port: what linking and reconciliation read. */
export interface CatalogPort {
  /**
   * Every item (no categories, nothing deleted) by id, in the fewest calls whose answers are not too big to parse at
   * once; `progress` is told the count so far after each page, so a long read can heartbeat.
   */
  readCatalog(progress: (count: number) => void): Promise<Map<string, CatalogItem>>;
  /**
   * The same items a page at a time, as the system answers them, in the same calls, so a reader of a big catalog can
   * keep only what it needs of each page. A side without it is read whole (`readCatalog`).
   */
  readCatalogPages?(): AsyncIterable<CatalogItem[]>;
  /** One item, or null when it no longer exists. */
  readItem(itemId: string): Promise<CatalogItem | null>;
  /**
   * Creates items from another side's definitions in the fewest requests the side allows: one batch request per 30
   * items where the side has `batchWrites`, else one request each. Answers one outcome per item, in order: its id, or
   * the error a retry cannot fix (a refusal, a fault on that item alone). Throws when a retry may succeed, with some
   * items perhaps written. `retriedSince`: null on a first attempt, which spends no call looking for earlier copies;
   * else when the first attempt was scheduled (of this step, or, at the earliest, of the item's earlier sync that
   * failed), and the side finds the copies an earlier attempt created (since then) and lost the answer to, or failed
   * after, rather than create them twice.
   */
  createItems(items: readonly ItemCreation[], retriedSince: Date | null): Promise<ItemCreationOutcome[]>;
  /** Writes the changed fields of an item's definition; a category is in this side's ids. */
  updateItem(
    item: { id: string; version: string | null },
    changes: Partial<ItemDefinition>,
    origin: DefinitionOrigin,
  ): Promise<void>;
  /** A category's name; null when it is gone or is the side's stand-in for "no category". */
  categoryName(categoryId: string): Promise<string | null>;
  /**
   * Its category with this name (names compared as users see them): found, else created. `null` asks for the category
   * items without one belong to, which is none (null) where the side allows items without a category. `kind` is the
   * kind of item to be placed in it, for a side whose categories are parent items of one kind (QuickBooks Desktop).
   */
  ensureCategory(name: string | null, origin: DefinitionOrigin, kind?: ItemKind): Promise<string | null>;
}

/**
 * A write the side refuses for a reason a retry cannot fix (a name it cannot hold, a feature turned off): it carries
 * the explanation and the fix, as the API clients' own errors do, and becomes a needs-attention failure.
 */
export class SideRefusal extends Error {
  override name = 'SideRefusal';
  readonly retryable = false;
  constructor(
    readonly code: string,
    readonly explanation: string,
    readonly fix: string,
  ) {
    super(explanation);
  }
}

/** What a change a side announced touched, as read from the side (the announcement's own amounts are never used). */
export interface ChangedItems {
  /** Items whose definition may have changed: the catalog sync looks at them. */
  definitions: string[];
  /** Items whose quantity may have changed: they settle. */
  quantities: string[];
  /**
   * The transaction the change is about and the items on its lines now (null when it can no longer be read): the
   * lines are remembered, so a transaction deleted later still names the items whose stock it had moved.
   */
  transaction: { kind: string; id: string; lines: string[] | null } | null;
}

/**
 * Reads the quantity changes a system announces to no one (`unannouncedQuantityChanges`), for the watch that polls
 * them between reconciliations. Apart from the side's port: it needs only the system's client, so the watch runs
 * before the other system is connected or the connection configured.
 */
export interface UnannouncedChangesPort {
  readonly system: System;
  /** The changes made at or after `since`, the sync's own among them, oldest first, as many as one read answers. */
  changesSince(since: Date): Promise<UnannouncedChanges>;
}

export interface UnannouncedChanges {
  changes: UnannouncedChange[];
  /**
   * Why the changes may not name every item that moved (a deleted record names none, an answer at the system's cap
   * leaves some out, a cursor older than the system looks back); null when they name them all. The watch then
   * reconciles instead.
   */
  incomplete: string | null;
}

/** One change found by polling: a record of the system whose change may have moved stock. */
export interface UnannouncedChange {
  /** Unique across the kinds of record read: the watch remembers those seen at its cursor's time. */
  key: string;
  /** When the record last changed, in epoch milliseconds; NaN where the system does not say. */
  changedAtMs: number;
  /** The record's own reference, which carries the movement id where the sync wrote it. */
  reference: string | null;
  /** The items whose stock it may have moved. */
  itemIds: string[];
  /**
   * Set when the record is the item itself: its quantity now. At the link's base it is the sync's own write or a
   * change of the definition only, so nothing settles.
   */
  itemQuantity?: number;
  /** What was found, in the system's terms: the reason of the settles it asks for. */
  reason: string;
  /**
   * Set when the record is a transaction whose lines the watch keeps: `itemIds` are then the items its lines name now
   * (none once deleted), and the watch diffs them against the lines it saw before, so an edit settles only the items
   * whose lines changed.
   */
  transaction?: WatchedTransaction;
}

/** A transaction as the watch read it, for the lines it keeps of each (storage's transaction_items). */
export interface WatchedTransaction {
  entity: string;
  id: string;
  /** Its version (QuickBooks Desktop's EditSequence); null when not said, or once deleted. */
  version: string | null;
  /** When it was first saved, in epoch milliseconds; NaN where unknown. */
  createdAtMs: number;
  /** Changed after it was first saved: the lines it had before may differ from those now. */
  edited: boolean;
  /** Its lines now; null once deleted. */
  lines: StockLine[] | null;
}

/**
 * Reads what a system's list of stock movements gained past the cursor, for the deliveries that announce a movement
 * without naming the item (Zuper's).
 */
export interface MovementListPort {
  readonly system: System;
  movementsSince(cursor: MovementCursor | null): Promise<{ movements: ListedMovement[]; cursor: MovementCursor }>;
}

/**
 * A change a system announced, as its integration reads it for routing (`readAnnouncedChange` in
 * `integrations/connection-sides.ts`): the stored change is checked to be that system's before anything is read.
 */
export interface RoutableChange {
  readonly connectionId: string;
  /** A stock movement announced without naming the item: the system's movement list says which moved. */
  readonly namesNoItem: boolean;
  /**
   * The system's reference to the movement such a delivery announces (what the system answered the write that made
   * it), when the delivery names one; null otherwise.
   */
  readonly movementRef: string | null;
  /** Why the items it touched are asked to settle, in the words users know the system by. */
  readonly reason: string;
  /** What identifies the change in the routing log. */
  readonly logFields: Readonly<Record<string, string | null>>;
  /** What the change touched; the system is read only for a change that must be read (a transaction's lines). */
  changedItems(): Promise<ChangedItems>;
}

/** One row of a movement list. */
export interface ListedMovement {
  itemId: string;
  /** The movement id of the sync's write the row is, live; null for a deleted row or anyone else's. */
  movementId: string | null;
}

/** Everything the sync asks of one side of a connection. */
export type SidePort = QuantityPort & CatalogPort;

/** A connection's two sides. */
export type ConnectionSides = Record<Side, SidePort>;

/** Thrown by `applyMovement` when the item is gone; the caller explains it with `missingItem`. */
export class MissingItemError extends Error {
  override name = 'MissingItemError';
  constructor(readonly itemId: string) {
    super(`item ${itemId} no longer exists`);
  }
}

/**
 * A webhook a system delivers (`integrations/system-webhooks.ts` lists them; the server mounts a route for each,
 * `POST /webhooks/<system>...`): addressed to one connection, or to the service's app.
 */
export type SystemWebhook = ConnectionWebhook | AppWebhook;

interface WebhookBase {
  readonly system: System;
  /** The request header the secret or signature rides in (logs redact it). */
  readonly secretHeader: string;
  /** The biggest body the system sends. */
  readonly bodyLimitBytes: number;
}

/**
 * A webhook a system delivers to one connection's own address (`/webhooks/<system>/<connection>`), authenticated by
 * a secret the service stored when it registered the webhook.
 */
export interface ConnectionWebhook extends WebhookBase {
  readonly addressedTo: 'connection';
  /** The connection's stored secret; throws `ConnectionNotFoundError` when the connection is not connected to it. */
  storedSecret(store: Pick<Store, 'credentials'>, connectionId: string): Promise<string>;
  /** The same for a resent delivery, so it is stored once. */
  deliveryId(connectionId: string, rawBody: Buffer): string;
  /** What an authenticated delivery's body (JSON) announces; `now` dates the oldest body still taken. */
  read(body: unknown, connectionId: string, now: Date): WebhookReading;
}

/**
 * A webhook a system delivers to the service's app (`/webhooks/<system>`), signed with a key issued to the app: one
 * delivery may carry events of several of the system's companies, each handed to the connection holding it.
 */
export interface AppWebhook extends WebhookBase {
  readonly addressedTo: 'app';
  /** The setting that holds the signing key, named in the answer while it is not set. */
  readonly keySetting: string;
  /** The signing key, from the environment; undefined while it is not set. */
  signingKey(env: Env): string | undefined;
  /** Whether `signature` is the system's signature of these exact bytes. */
  verify(rawBody: Buffer, signature: string, key: string): boolean;
  /** What an authenticated delivery's body (JSON) announces, event by event. */
  sort(body: unknown, context: AppWebhookContext): Promise<AppWebhookSorting>;
}

export interface AppWebhookContext {
  store: Pick<Store, 'connections' | 'credentials'>;
  now: Date;
  /** Events older than this are not handed off; delivery ids are remembered as long. */
  replayWindowMs: number;
}

/**
 * An app webhook's body sorted: a body of the wrong shape is refused whole (`error`); otherwise each event is handed
 * to its connection or passed over alone, counted under its outcome, and the delivery is answered 200, so the system
 * does not resend the good events with the bad.
 */
export type AppWebhookSorting =
  { ok: false; error: string } | { ok: true; toHandOff: WebhookChange[]; passedOver: PassedOverEvent[] };

/** A change to store in the intake outbox, under the delivery id a resent one repeats. */
export interface WebhookChange {
  connectionId: string;
  deliveryId: string;
  change: AnnouncedChange;
}

/** An event not handed off: the outcome it is counted under, what the log line says, and its fields. */
export interface PassedOverEvent {
  outcome: string;
  message: string;
  level: 'info' | 'warn';
  fields: Record<string, unknown>;
}

/** A delivery's body as read: a change to hand to routing, an event the sync does not need, or a refusal. */
export type WebhookReading =
  | { kind: 'change'; change: AnnouncedChange }
  | { kind: 'ignored'; event: string }
  | { kind: 'refused'; status: number; outcome: string; message: string };
