import {
  defineQuery,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { LinkActionResult, LinkSummary } from '../activities/catalog/link-catalog.js';
import { apiActivityOptions, bulkActivityOptions } from './activity-options.js';
import { SyncOutcomeKey } from './search-attributes.js';
import { LINK_CHUNK_PER_BATCH_PATCH } from './recorded-names.js';

const bulk = proxyActivities<Activities>(bulkActivityOptions);
const activities = proxyActivities<Activities>(apiActivityOptions);

/** Runs recorded before `LINK_CHUNK_PER_BATCH_PATCH` carried out 25 actions per activity. */
const CHUNK_BEFORE_BATCHES = 25;
/**
 * Actions per activity: the accounting side's batch request holds 30 creates, so a chunk of creates costs one batch
 * request (and 30 field-side creates fit well inside the activity's 30 s at 200 requests a minute).
 */
const CHUNK = 30;

export interface LinkCatalogInput {
  connectionId: string;
  dryRun: boolean;
}

export interface LinkCatalogResult {
  dryRun: boolean;
  reportId: number;
  summary: LinkSummary;
  /** Each failed action as the activity answered it: in the older shape in runs recorded before (link-action.ts). */
  failed: { action: LinkActionResult['action']; error: string; fix?: string }[];
}

/** How far a real run has got: actions carried out of the plan's total, how many failed, and since when. */
export interface LinkProgress {
  total: number;
  done: number;
  errors: number;
  startedAt: string;
}

/** Null until the plan is made (and for a dry run, which carries nothing out). */
export const linkProgressQuery = defineQuery<LinkProgress | null>('linkProgress');

/** Initial linking of both catalogs; the dry run stops after the plan, the real run carries it out in chunks. */
export async function linkCatalogWorkflow(input: LinkCatalogInput): Promise<LinkCatalogResult> {
  const { workflowId, runId, startTime } = workflowInfo();
  let progress: LinkProgress | null = null;
  setHandler(linkProgressQuery, () => progress);
  const plan = await bulk.planCatalogLinking({ ...input, workflowId, runId });
  const failed: LinkCatalogResult['failed'] = [];
  if (!input.dryRun) {
    progress = { total: plan.actions, done: 0, errors: 0, startedAt: startTime.toISOString() };
    const chunk = patched(LINK_CHUNK_PER_BATCH_PATCH) ? CHUNK : CHUNK_BEFORE_BATCHES;
    for (let from = 0; from < plan.actions; from += chunk) {
      const results = await activities.applyLinkActions({
        connectionId: input.connectionId,
        reportId: plan.reportId,
        from,
        to: Math.min(plan.actions, from + chunk),
      });
      for (const r of results)
        if (!r.ok) failed.push({ action: r.action, error: r.error ?? 'failed', ...(r.fix ? { fix: r.fix } : {}) });
      progress = { ...progress, done: Math.min(plan.actions, from + chunk), errors: failed.length };
    }
    await activities.finishLinkReport({ reportId: plan.reportId, failed: failed.length });
  }
  upsertSearchAttributes([{ key: SyncOutcomeKey, value: failed.length > 0 ? 'needs_attention' : 'succeeded' }]);
  return { dryRun: input.dryRun, reportId: plan.reportId, summary: plan.summary, failed };
}
