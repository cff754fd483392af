import type { AppContext } from '../service/context.js';
import type { SyncRun } from '../storage/repositories/history.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { linkActionOf, type StoredLinkAction } from '../domain/recorded-shapes/link-action.js';
import { sideNames } from '../integrations/registry.js';
import { storedLinkPlanSchema, type LinkResultView } from './contract/runs.js';

/** How many planned actions an answer lists; all of them stay in the history entry. */
export const actionsShown = 500;

/**
 * The report's details with the plan's actions in them, as the API shows a link report: plans are stored in pages
 * beside the report (`linkPlans`), those stored before in its details already. Actions stored before the sides were
 * named are shown in the current shape, and the names of the connection's sides come with them.
 */
export async function withPlanActions(ctx: AppContext, run: SyncRun): Promise<unknown> {
  if (run.kind !== 'link') return run.details;
  const details = run.details as ({ actions?: unknown } & Record<string, unknown>) | null;
  const count = await ctx.store.linkPlans.count(run.id);
  const stored = count > 0 ? await ctx.store.linkPlans.range<StoredLinkAction>(run.id, 0, count) : details?.actions;
  if (!Array.isArray(stored)) return run.details;
  const names = sideNames(await ctx.store.connections.get(run.connectionId));
  return { ...details, actions: (stored as StoredLinkAction[]).map((action) => linkActionOf(action)), names };
}

/** The link run's result with its plan (what would be or was linked, created, skipped), read from its report. */
export async function linkResultView(
  ctx: AppContext,
  connectionId: string,
  result: LinkCatalogResult,
): Promise<LinkResultView> {
  const report = await ctx.store.history.get(result.reportId);
  const plan = storedLinkPlanSchema.safeParse(report && (await withPlanActions(ctx, report)));
  const actions = plan.success ? plan.data.actions.filter((a) => a.action !== 'keep') : [];
  return {
    ...result,
    // Runs recorded before the sides were named name their failed actions' catalogs by system.
    failed: result.failed.map((f) => ({ ...f, action: linkActionOf(f.action) })),
    actions: actions.slice(0, actionsShown),
    actionsTotal: actions.length,
    names: plan.success ? plan.data.names : sideNames(await ctx.store.connections.get(connectionId)),
  };
}
