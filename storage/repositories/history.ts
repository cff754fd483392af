import type { Db } from '../db.js';
import { historyQuantitiesOf, type HistoryQuantities } from '../../domain/history-quantities.js';

export type SyncKind = 'item' | 'quantity' | 'reconcile' | 'link';
export type SyncStatus = 'started' | 'succeeded' | 'failed' | 'needs_attention';

export interface SyncRecord {
  /** Recording twice with the same key updates the first row (retried activities). */
  dedupeKey?: string | null;
  connectionId: string;
  kind: SyncKind;
  status: SyncStatus;
  workflowId?: string | null;
  runId?: string | null;
  accountingItemId?: string | null;
  fieldItemId?: string | null;
  /** The item's name where the recorder read it; otherwise the last name recorded for the same item is kept. */
  itemName?: string | null;
  summary: string;
  qtyBefore?: HistoryQuantities | null;
  qtyAfter?: HistoryQuantities | null;
  explanation?: string | null;
  fix?: string | null;
  errorCode?: string | null;
  details?: unknown;
}

export interface SyncRun extends Required<Omit<SyncRecord, 'details'>> {
  id: number;
  details: unknown;
  startedAt: Date;
  finishedAt: Date | null;
}

interface SyncRunRow {
  id: number;
  dedupe_key: string | null;
  connection_id: string;
  kind: SyncKind;
  status: SyncStatus;
  workflow_id: string | null;
  run_id: string | null;
  accounting_item_id: string | null;
  field_item_id: string | null;
  item_name: string | null;
  summary: string;
  /** By side; rows written before the side-neutral history key the sides by system (`historyQuantitiesOf`). */
  qty_before: Record<string, number> | null;
  qty_after: Record<string, number> | null;
  explanation: string | null;
  fix: string | null;
  error_code: string | null;
  details: unknown;
  started_at: Date;
  finished_at: Date | null;
}

const toRun = (r: SyncRunRow): SyncRun => ({
  id: r.id,
  dedupeKey: r.dedupe_key,
  connectionId: r.connection_id,
  kind: r.kind,
  status: r.status,
  workflowId: r.workflow_id,
  runId: r.run_id,
  accountingItemId: r.accounting_item_id,
  fieldItemId: r.field_item_id,
  itemName: r.item_name,
  summary: r.summary,
  qtyBefore: historyQuantitiesOf(r.qty_before),
  qtyAfter: historyQuantitiesOf(r.qty_after),
  explanation: r.explanation,
  fix: r.fix,
  errorCode: r.error_code,
  details: r.details,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export interface HistoryFilter {
  connectionId: string;
  accountingItemId?: string;
  fieldItemId?: string;
  kind?: SyncKind;
  status?: SyncStatus;
  limit?: number;
}

export function historyRepository(db: Db) {
  return {
    /** Records a finished sync. A retried activity writing the same workflow run and kind updates its row instead. */
    async record(entry: SyncRecord): Promise<number> {
      const rows = await db.query<{ id: number }>(
        `INSERT INTO sync_runs (dedupe_key, connection_id, kind, status, workflow_id, run_id, accounting_item_id, field_item_id, summary,
           qty_before, qty_after, explanation, fix, error_code, details, finished_at, item_name)
         VALUES ($15,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14, CASE WHEN $3 = 'started' THEN NULL ELSE now() END,
           COALESCE($16, (SELECT named.item_name FROM sync_runs named
             WHERE ($6::text IS NOT NULL OR $7::text IS NOT NULL)
               AND named.connection_id = $1 AND named.item_name IS NOT NULL
               AND (named.accounting_item_id = $6 OR named.field_item_id = $7)
             ORDER BY named.id DESC LIMIT 1)))
         ON CONFLICT (dedupe_key) DO UPDATE SET
           status = EXCLUDED.status, summary = EXCLUDED.summary, qty_before = EXCLUDED.qty_before,
           qty_after = EXCLUDED.qty_after, explanation = EXCLUDED.explanation, fix = EXCLUDED.fix,
           error_code = EXCLUDED.error_code, details = EXCLUDED.details, finished_at = EXCLUDED.finished_at,
           accounting_item_id = COALESCE(EXCLUDED.accounting_item_id, sync_runs.accounting_item_id),
           field_item_id = COALESCE(EXCLUDED.field_item_id, sync_runs.field_item_id),
           item_name = COALESCE(EXCLUDED.item_name, sync_runs.item_name)
         RETURNING id`,
        [
          entry.connectionId,
          entry.kind,
          entry.status,
          entry.workflowId ?? null,
          entry.runId ?? null,
          entry.accountingItemId ?? null,
          entry.fieldItemId ?? null,
          entry.summary,
          entry.qtyBefore ? JSON.stringify(entry.qtyBefore) : null,
          entry.qtyAfter ? JSON.stringify(entry.qtyAfter) : null,
          entry.explanation ?? null,
          entry.fix ?? null,
          entry.errorCode ?? null,
          entry.details === undefined ? null : JSON.stringify(entry.details),
          entry.dedupeKey ?? null,
          entry.itemName ?? null,
        ],
      );
      return rows[0]!.id;
    },

    async list(filter: HistoryFilter): Promise<SyncRun[]> {
      const where = ['connection_id = $1'];
      const params: unknown[] = [filter.connectionId];
      const add = (column: string, value: unknown) => {
        params.push(value);
        where.push(`${column} = $${params.length}`);
      };
      if (filter.accountingItemId) add('accounting_item_id', filter.accountingItemId);
      if (filter.fieldItemId) add('field_item_id', filter.fieldItemId);
      if (filter.kind) add('kind', filter.kind);
      if (filter.status) add('status', filter.status);
      params.push(filter.limit ?? 50);
      const rows = await db.query<SyncRunRow>(
        `SELECT * FROM sync_runs WHERE ${where.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toRun);
    },

    async get(id: number): Promise<SyncRun | null> {
      const rows = await db.query<SyncRunRow>('SELECT * FROM sync_runs WHERE id = $1', [id]);
      return rows[0] ? toRun(rows[0]) : null;
    },
  };
}

export type HistoryRepository = ReturnType<typeof historyRepository>;
