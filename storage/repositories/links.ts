import type { Db, Queryable } from '../db.js';
import { type SettlePlan } from '../../domain/settle-plan.js';
import { settlePlanOf, type StoredSettlePlan } from '../../domain/recorded-shapes/settle-plan.js';
import { parseQty } from '../../domain/quantity.js';
import { sides, type Side } from '../../domain/sides.js';

export type ItemKind = 'inventory' | 'noninventory' | 'service';

export interface ItemLink {
  connectionId: string;
  accountingItemId: string;
  fieldItemId: string;
  itemKind: ItemKind;
  tracksQuantity: boolean;
  baseQty: number | null;
  version: number;
  pendingSettle: SettlePlan | null;
  definitionHash: string | null;
  lastSettledAt: Date | null;
}

interface LinkRow {
  connection_id: string;
  accounting_item_id: string;
  field_item_id: string;
  item_kind: ItemKind;
  tracks_quantity: boolean;
  base_qty: string | null;
  version: number;
  pending_settle: StoredSettlePlan | null;
  definition_hash: string | null;
  last_settled_at: Date | null;
}

const toLink = (r: LinkRow): ItemLink => ({
  connectionId: r.connection_id,
  accountingItemId: r.accounting_item_id,
  fieldItemId: r.field_item_id,
  itemKind: r.item_kind,
  tracksQuantity: r.tracks_quantity,
  baseQty: r.base_qty === null ? null : parseQty(r.base_qty),
  version: r.version,
  pendingSettle: r.pending_settle && settlePlanOf(r.pending_settle),
  definitionHash: r.definition_hash,
  lastSettledAt: r.last_settled_at,
});

export class LinkConflictError extends Error {
  override name = 'LinkConflictError';
}

/** The column holding each side's item id. */
const itemIdColumn: Record<Side, string> = { accounting: 'accounting_item_id', field: 'field_item_id' };

export function linksRepository(db: Db) {
  const lockLink = async (tx: Queryable, connectionId: string, accountingItemId: string): Promise<ItemLink | null> => {
    const rows = await tx.query<LinkRow>(
      'SELECT * FROM item_links WHERE connection_id = $1 AND accounting_item_id = $2 FOR UPDATE',
      [connectionId, accountingItemId],
    );
    return rows[0] ? toLink(rows[0]) : null;
  };

  const linkOnSide = async (connectionId: string, side: Side, itemId: string): Promise<ItemLink | null> => {
    const rows = await db.query<LinkRow>(
      `SELECT * FROM item_links WHERE connection_id = $1 AND ${itemIdColumn[side]} = $2`,
      [connectionId, itemId],
    );
    return rows[0] ? toLink(rows[0]) : null;
  };

  return {
    get: (connectionId: string, accountingItemId: string) => linkOnSide(connectionId, 'accounting', accountingItemId),
    getByFieldItem: (connectionId: string, fieldItemId: string) => linkOnSide(connectionId, 'field', fieldItemId),
    /** The link of an item of either side. */
    getOnSide: linkOnSide,

    async list(connectionId: string): Promise<ItemLink[]> {
      const rows = await db.query<LinkRow>(
        'SELECT * FROM item_links WHERE connection_id = $1 ORDER BY accounting_item_id',
        [connectionId],
      );
      return rows.map(toLink);
    },

    /**
     * Every link of the connection, a page at a time in accounting item order: each page is read when the one before
     * has been used, so a big connection's links are never all in memory.
     */
    async *pages(connectionId: string, pageSize = 1000): AsyncGenerator<ItemLink[]> {
      for (let after = ''; ;) {
        const rows = await db.query<LinkRow>(
          `SELECT * FROM item_links WHERE connection_id = $1 AND accounting_item_id > $2
           ORDER BY accounting_item_id LIMIT $3`,
          [connectionId, after, pageSize],
        );
        if (rows.length > 0) yield rows.map(toLink);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.accounting_item_id;
      }
    },

    async count(connectionId: string): Promise<number> {
      const rows = await db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM item_links WHERE connection_id = $1',
        [connectionId],
      );
      return rows[0]?.count ?? 0;
    },

    /** The links of these items of one side (a page of a catalog), by that side's item id. */
    async onSide(connectionId: string, side: Side, itemIds: readonly string[]): Promise<Map<string, ItemLink>> {
      const rows = await db.query<LinkRow>(
        `SELECT * FROM item_links WHERE connection_id = $1 AND ${itemIdColumn[side]} = ANY($2::text[])`,
        [connectionId, itemIds],
      );
      const links = rows.map(toLink);
      return new Map(links.map((link) => [side === 'accounting' ? link.accountingItemId : link.fieldItemId, link]));
    },

    /** Creates a link; a link that already exists for either side is a conflict, never silently replaced. */
    async create(link: Omit<ItemLink, 'version' | 'pendingSettle' | 'lastSettledAt'>): Promise<ItemLink> {
      const rows = await db.query<LinkRow>(
        // Settle and movement ids derive from (connection, item, version) and must never repeat: an item linked
        // again after an unlink continues from the settles its earlier links committed (one version each).
        `INSERT INTO item_links (connection_id, accounting_item_id, field_item_id, item_kind, tracks_quantity, base_qty, definition_hash, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7,
           (SELECT count(*)::int FROM settles WHERE connection_id = $1 AND accounting_item_id = $2))
         ON CONFLICT DO NOTHING RETURNING *`,
        [
          link.connectionId,
          link.accountingItemId,
          link.fieldItemId,
          link.itemKind,
          link.tracksQuantity,
          link.baseQty,
          link.definitionHash,
        ],
      );
      if (!rows[0]) {
        throw new LinkConflictError(
          `accounting item ${link.accountingItemId} or field item ${link.fieldItemId} is already linked in connection ${link.connectionId}`,
        );
      }
      return toLink(rows[0]);
    },

    async setDefinitionHash(connectionId: string, accountingItemId: string, hash: string): Promise<void> {
      await db.query(
        'UPDATE item_links SET definition_hash = $3, updated_at = now() WHERE connection_id = $1 AND accounting_item_id = $2',
        [connectionId, accountingItemId, hash],
      );
    },

    /**
     * Stores `plan` as the link's pending settle, unless one is pending already (that one is returned, to be resumed)
     * or the link moved on since the caller read it (conflict: re-plan from fresh reads).
     */
    async storePlan(plan: SettlePlan): Promise<SettlePlan> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, plan.connectionId, plan.accountingItemId);
        if (!link) throw new LinkConflictError(`the link of accounting item ${plan.accountingItemId} no longer exists`);
        if (link.pendingSettle) return link.pendingSettle;
        if (link.version !== plan.linkVersion || link.baseQty !== plan.base) {
          throw new LinkConflictError(
            `the link of accounting item ${plan.accountingItemId} changed while planning (version ${link.version})`,
          );
        }
        await tx.query(
          'UPDATE item_links SET pending_settle = $3, updated_at = now() WHERE connection_id = $1 AND accounting_item_id = $2',
          [plan.connectionId, plan.accountingItemId, JSON.stringify(plan)],
        );
        return plan;
      });
    },

    /**
     * Gives the pending plan `planId` a fresh request id for its next write on `side` (after a business-rule fault the
     * system would replay for the old one). False when that plan is no longer pending.
     */
    async freshRequest(connectionId: string, accountingItemId: string, planId: string, side: Side): Promise<boolean> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, connectionId, accountingItemId);
        const plan = link?.pendingSettle;
        if (!plan || plan.id !== planId) return false;
        const move = plan[side];
        const fresh: SettlePlan = { ...plan, [side]: { ...move, requestAttempt: (move.requestAttempt ?? 0) + 1 } };
        await tx.query(
          'UPDATE item_links SET pending_settle = $3, updated_at = now() WHERE connection_id = $1 AND accounting_item_id = $2',
          [connectionId, accountingItemId, JSON.stringify(fresh)],
        );
        return true;
      });
    },

    /**
     * Moves the base and writes the settle and its movements to the ledger in one transaction. Idempotent: committing
     * a plan that is no longer pending (already committed) changes nothing and returns false.
     */
    async commitPlan(plan: SettlePlan, refs: Record<Side, string | null>, workflowId: string | null): Promise<boolean> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, plan.connectionId, plan.accountingItemId);
        if (!link || link.pendingSettle?.id !== plan.id) return false;
        await tx.query(
          `INSERT INTO settles (id, connection_id, accounting_item_id, field_item_id, base_before, accounting_seen, field_seen, base_after, reason, workflow_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            plan.id,
            plan.connectionId,
            plan.accountingItemId,
            plan.fieldItemId,
            plan.base,
            plan.accounting.seen,
            plan.field.seen,
            plan.newBase,
            plan.reason,
            workflowId,
          ],
        );
        for (const side of sides) {
          if (plan[side].move === 0) continue;
          await tx.query(
            `INSERT INTO movements (id, settle_id, connection_id, accounting_item_id, side, qty_diff, external_ref)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              plan[side].movementId,
              plan.id,
              plan.connectionId,
              plan.accountingItemId,
              side,
              plan[side].move,
              refs[side],
            ],
          );
        }
        await tx.query(
          `UPDATE item_links SET base_qty = $3, version = version + 1, pending_settle = NULL, last_settled_at = now(), updated_at = now()
           WHERE connection_id = $1 AND accounting_item_id = $2`,
          [plan.connectionId, plan.accountingItemId, plan.newBase],
        );
        return true;
      });
    },

    /**
     * Whether a committed movement of ours on `side`, written within the last `withinMs`, is the one the system
     * answered with `ref` (its own id for the write, e.g. the field system's transaction uid).
     */
    async isRecentOwnMovement(connectionId: string, side: Side, ref: string, withinMs: number): Promise<boolean> {
      const rows = await db.query<{ found: number }>(
        `SELECT 1 AS found FROM movements
          WHERE connection_id = $1 AND side = $2 AND external_ref = $3 AND created_at > now() - make_interval(secs => $4)
          LIMIT 1`,
        [connectionId, side, ref, withinMs / 1000],
      );
      return rows.length > 0;
    },

    /**
     * Which of these field-side movement ids are ours: written by a settle (in the ledger) or about to be (in a pending
     * plan, whose write may come back before its commit).
     */
    async ownFieldMovements(connectionId: string, movementIds: readonly string[]): Promise<Set<string>> {
      if (movementIds.length === 0) return new Set();
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM movements WHERE connection_id = $1 AND side = 'field' AND id = ANY($2)
         UNION
         SELECT pending_settle->'field'->>'movementId' AS id FROM item_links
          WHERE connection_id = $1 AND pending_settle->'field'->>'movementId' = ANY($2)`,
        [connectionId, movementIds],
      );
      return new Set(rows.map((r) => r.id));
    },

    /**
     * Removes a link unless a settle plan is pending on it: that plan's movements may be half written, and only a
     * settle may finish them. Answers the removed link, 'settling', or null when there was no link.
     */
    async remove(connectionId: string, accountingItemId: string): Promise<ItemLink | 'settling' | null> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, connectionId, accountingItemId);
        if (!link) return null;
        if (link.pendingSettle) return 'settling';
        await tx.query('DELETE FROM item_links WHERE connection_id = $1 AND accounting_item_id = $2', [
          connectionId,
          accountingItemId,
        ]);
        return link;
      });
    },

    async touchSettled(connectionId: string, accountingItemId: string): Promise<void> {
      await db.query(
        'UPDATE item_links SET last_settled_at = now() WHERE connection_id = $1 AND accounting_item_id = $2',
        [connectionId, accountingItemId],
      );
    },
  };
}

export type LinksRepository = ReturnType<typeof linksRepository>;
