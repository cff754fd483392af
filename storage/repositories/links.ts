import type { Db, Queryable } from '../db.js';
import { settlePlanOf, type SettlePlan, type StoredSettlePlan } from '../../domain/settle-plan.js';
import { parseQty } from '../../domain/quantity.js';
import type { Side } from '../../domain/sides.js';

export type ItemKind = 'inventory' | 'noninventory' | 'service';

export interface ItemLink {
  connectionId: string;
  qboItemId: string;
  zuperProductUid: string;
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
  qbo_item_id: string;
  zuper_product_uid: string;
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
  qboItemId: r.qbo_item_id,
  zuperProductUid: r.zuper_product_uid,
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

export function linksRepository(db: Db) {
  const lockLink = async (tx: Queryable, connectionId: string, qboItemId: string): Promise<ItemLink | null> => {
    const rows = await tx.query<LinkRow>(
      'SELECT * FROM item_links WHERE connection_id = $1 AND qbo_item_id = $2 FOR UPDATE',
      [connectionId, qboItemId],
    );
    return rows[0] ? toLink(rows[0]) : null;
  };

  return {
    async get(connectionId: string, qboItemId: string): Promise<ItemLink | null> {
      const rows = await db.query<LinkRow>('SELECT * FROM item_links WHERE connection_id = $1 AND qbo_item_id = $2', [
        connectionId,
        qboItemId,
      ]);
      return rows[0] ? toLink(rows[0]) : null;
    },

    async getByZuper(connectionId: string, zuperProductUid: string): Promise<ItemLink | null> {
      const rows = await db.query<LinkRow>(
        'SELECT * FROM item_links WHERE connection_id = $1 AND zuper_product_uid = $2',
        [connectionId, zuperProductUid],
      );
      return rows[0] ? toLink(rows[0]) : null;
    },

    async list(connectionId: string): Promise<ItemLink[]> {
      const rows = await db.query<LinkRow>('SELECT * FROM item_links WHERE connection_id = $1 ORDER BY qbo_item_id', [
        connectionId,
      ]);
      return rows.map(toLink);
    },

    /** Creates a link; a link that already exists for either side is a conflict, never silently replaced. */
    async create(link: Omit<ItemLink, 'version' | 'pendingSettle' | 'lastSettledAt'>): Promise<ItemLink> {
      const rows = await db.query<LinkRow>(
        // Settle and movement ids derive from (connection, item, version) and must never repeat: an item linked
        // again after an unlink continues from the settles its earlier links committed (one version each).
        `INSERT INTO item_links (connection_id, qbo_item_id, zuper_product_uid, item_kind, tracks_quantity, base_qty, definition_hash, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7,
           (SELECT count(*)::int FROM settles WHERE connection_id = $1 AND qbo_item_id = $2))
         ON CONFLICT DO NOTHING RETURNING *`,
        [
          link.connectionId,
          link.qboItemId,
          link.zuperProductUid,
          link.itemKind,
          link.tracksQuantity,
          link.baseQty,
          link.definitionHash,
        ],
      );
      if (!rows[0]) {
        throw new LinkConflictError(
          `QBO item ${link.qboItemId} or Zuper product ${link.zuperProductUid} is already linked in connection ${link.connectionId}`,
        );
      }
      return toLink(rows[0]);
    },

    async setDefinitionHash(connectionId: string, qboItemId: string, hash: string): Promise<void> {
      await db.query(
        'UPDATE item_links SET definition_hash = $3, updated_at = now() WHERE connection_id = $1 AND qbo_item_id = $2',
        [connectionId, qboItemId, hash],
      );
    },

    /**
     * Stores `plan` as the link's pending settle, unless one is pending already (that one is returned, to be resumed)
     * or the link moved on since the caller read it (conflict: re-plan from fresh reads).
     */
    async storePlan(plan: SettlePlan): Promise<SettlePlan> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, plan.connectionId, plan.accountingItemId);
        if (!link) throw new LinkConflictError(`link for QBO item ${plan.accountingItemId} no longer exists`);
        if (link.pendingSettle) return link.pendingSettle;
        if (link.version !== plan.linkVersion || link.baseQty !== plan.base) {
          throw new LinkConflictError(
            `link for QBO item ${plan.accountingItemId} changed while planning (version ${link.version})`,
          );
        }
        await tx.query(
          'UPDATE item_links SET pending_settle = $3, updated_at = now() WHERE connection_id = $1 AND qbo_item_id = $2',
          [plan.connectionId, plan.accountingItemId, JSON.stringify(plan)],
        );
        return plan;
      });
    },

    /**
     * Gives the pending plan `planId` a fresh request id for its next write on `side` (after a business-rule fault the
     * system would replay for the old one). False when that plan is no longer pending.
     */
    async freshRequest(connectionId: string, qboItemId: string, planId: string, side: Side): Promise<boolean> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, connectionId, qboItemId);
        const plan = link?.pendingSettle;
        if (!plan || plan.id !== planId) return false;
        const move = plan[side];
        const fresh: SettlePlan = { ...plan, [side]: { ...move, requestAttempt: (move.requestAttempt ?? 0) + 1 } };
        await tx.query(
          'UPDATE item_links SET pending_settle = $3, updated_at = now() WHERE connection_id = $1 AND qbo_item_id = $2',
          [connectionId, qboItemId, JSON.stringify(fresh)],
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
          `INSERT INTO settles (id, connection_id, qbo_item_id, zuper_product_uid, base_before, qbo_seen, zuper_seen, base_after, reason, workflow_id)
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
        // The ledger's target column still names the system of each side (docs/sides.md, "What is left").
        const movements = [
          { id: plan.accounting.movementId, target: 'qbo', diff: plan.accounting.move, ref: refs.accounting },
          { id: plan.field.movementId, target: 'zuper', diff: plan.field.move, ref: refs.field },
        ].filter((m) => m.diff !== 0);
        for (const m of movements) {
          await tx.query(
            `INSERT INTO movements (id, settle_id, connection_id, qbo_item_id, target, qty_diff, external_ref)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [m.id, plan.id, plan.connectionId, plan.accountingItemId, m.target, m.diff, m.ref],
          );
        }
        await tx.query(
          `UPDATE item_links SET base_qty = $3, version = version + 1, pending_settle = NULL, last_settled_at = now(), updated_at = now()
           WHERE connection_id = $1 AND qbo_item_id = $2`,
          [plan.connectionId, plan.accountingItemId, plan.newBase],
        );
        return true;
      });
    },

    /**
     * Which of these Zuper movement ids are ours: written by a settle (in the ledger) or about to be (in a pending
     * plan, whose write may come back before its commit).
     */
    async ownZuperMovements(connectionId: string, movementIds: readonly string[]): Promise<Set<string>> {
      if (movementIds.length === 0) return new Set();
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM movements WHERE connection_id = $1 AND target = 'zuper' AND id = ANY($2)
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
    async remove(connectionId: string, qboItemId: string): Promise<ItemLink | 'settling' | null> {
      return db.transaction(async (tx) => {
        const link = await lockLink(tx, connectionId, qboItemId);
        if (!link) return null;
        if (link.pendingSettle) return 'settling';
        await tx.query('DELETE FROM item_links WHERE connection_id = $1 AND qbo_item_id = $2', [
          connectionId,
          qboItemId,
        ]);
        return link;
      });
    },

    async touchSettled(connectionId: string, qboItemId: string): Promise<void> {
      await db.query('UPDATE item_links SET last_settled_at = now() WHERE connection_id = $1 AND qbo_item_id = $2', [
        connectionId,
        qboItemId,
      ]);
    },
  };
}

export type LinksRepository = ReturnType<typeof linksRepository>;
