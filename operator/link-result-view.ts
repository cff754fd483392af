import type { AppContext } from '../service/context.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { storedLinkPlanSchema, type LinkResultView } from './contract/runs.js';

/** How many planned actions an answer lists; all of them stay in the history entry. */
export const actionsShown = 500;

/**
 * The report's details with the plan's actions in them, as the API shows a link report: plans are stored in pages
 * beside the report (`linkPlans`), those stored before in its details already.
 */
export async function withPlanActions(ctx: AppContext, run: SyncRun): Promise<unknown> {
  const count = run.kind === 'link' ? await ctx.store.linkPlans.count(run.id) : 0;
  if (count === 0) return run.details;
  const actions = await ctx.store.linkPlans.range(run.id, 0, count);
  return { ...(run.details as Record<string, unknown>), actions };
}

/** The link run's result with its plan (what would be or was linked, created, skipped), read from its report. */
export async function linkResultView(ctx: AppContext, result: LinkCatalogResult): Promise<LinkResultView> {
  const report = await ctx.store.history.get(result.reportId);
  const plan = storedLinkPlanSchema.safeParse(report && (await withPlanActions(ctx, report)));
  const actions = plan.success ? plan.data.actions.filter((a) => a.action !== 'keep') : [];
  return { ...result, actions: actions.slice(0, actionsShown), actionsTotal: actions.length };
}
