import type { AppContext } from '../service/context.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { storedLinkPlanSchema, type LinkResultView } from './contract/runs.js';

/** How many planned actions an answer lists; all of them stay in the history entry. */
export const actionsShown = 500;

/** The link run's result with its plan (what would be or was linked, created, skipped), read from its report. */
export async function linkResultView(ctx: AppContext, result: LinkCatalogResult): Promise<LinkResultView> {
  const report = await ctx.store.history.get(result.reportId);
  const plan = storedLinkPlanSchema.safeParse(report?.details);
  const actions = plan.success ? plan.data.actions.filter((a) => a.action !== 'keep') : [];
  return { ...result, actions: actions.slice(0, actionsShown), actionsTotal: actions.length };
}
