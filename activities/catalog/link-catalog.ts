import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention, toActivityFailure } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { planLinking, type LinkAction } from '../../domain/catalog/matching.js';
import { sideOfSystem, type System } from '../../domain/systems.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import type { CatalogItem } from '../../integrations/port.js';
import { otherSide, type Side } from '../../domain/sides.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { initialBase } from '../../domain/settle.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { connectionSides } from '../sides.js';
import { entriesOf, readCatalogs } from './read-catalogs.js';
import { copyItem } from './copy-item.js';

export interface LinkSummary {
  keep: number;
  link: number;
  create: number;
  skip: number;
  quantityChanges: number;
}

export interface LinkPlanResult {
  reportId: number;
  summary: LinkSummary;
  actions: number;
}

export interface LinkActionResult {
  action: LinkAction;
  ok: boolean;
  error?: string;
  fix?: string;
}

export function summarise(actions: LinkAction[]): LinkSummary {
  const count = (a: LinkAction['action']) => actions.filter((x) => x.action === a).length;
  return {
    keep: count('keep'),
    link: count('link'),
    create: count('create'),
    skip: count('skip'),
    quantityChanges: actions.filter((a) => a.action === 'link' && a.quantityChange).length,
  };
}

/** Plans the initial linking and stores it as a report (the dry run's answer, the real run's work list). */
export async function planCatalogLinking(
  deps: ActivityDeps,
  input: { connectionId: string; dryRun: boolean; workflowId: string; runId: string },
): Promise<LinkPlanResult> {
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const catalogs = await readCatalogs(await connectionSides(deps, connection));
  const links = (await deps.store.links.list(input.connectionId)).map((l) => ({
    qboItemId: l.accountingItemId,
    zuperProductUid: l.fieldItemId,
  }));
  const actions = planLinking({
    master: settings.productMaster,
    qbo: entriesOf(catalogs.accounting),
    zuper: entriesOf(catalogs.field),
    links,
  });
  const summary = summarise(actions);
  const reportId = await deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:link-plan`,
    connectionId: input.connectionId,
    kind: 'link',
    status: input.dryRun ? 'succeeded' : 'started',
    workflowId: input.workflowId,
    runId: input.runId,
    summary: `${input.dryRun ? 'Dry run: would link' : 'Linking'} ${summary.link}, create ${summary.create}, skip ${summary.skip} (${summary.keep} already linked, ${summary.quantityChanges} quantities to move)`,
    details: { dryRun: input.dryRun, summary, actions },
  });
  return { reportId, summary, actions: actions.length };
}

/** Carries out actions [from, to) of a stored linking plan. Each action is idempotent, so a retried chunk is safe. */
export async function applyLinkActions(
  deps: ActivityDeps,
  input: { connectionId: string; reportId: number; from: number; to: number },
): Promise<LinkActionResult[]> {
  const report = await deps.store.history.get(input.reportId);
  const actions = ((report?.details as { actions?: LinkAction[] } | null)?.actions ?? []).slice(input.from, input.to);
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const master = settings.productMaster;
  const sides = await connectionSides(deps, connection);
  const results: LinkActionResult[] = [];
  for (const action of actions) {
    try {
      if (action.action === 'link') {
        const existing = await deps.store.links.get(input.connectionId, action.qboItemId);
        if (!existing) {
          const [accounting, field] = await Promise.all([
            sides.accounting.readItem(action.qboItemId),
            sides.field.readItem(action.zuperProductUid),
          ]);
          if (!accounting || !field)
            throw needsAttention('link:vanished', 'One side of the match no longer exists.', 'Run the link again.');
          await establishLink(deps, {
            connectionId: input.connectionId,
            master,
            kind: action.kind,
            items: { accounting, field },
            ids: { accountingItemId: action.qboItemId, fieldItemId: action.zuperProductUid },
          });
        }
      } else if (action.action === 'create') {
        const from = otherSide(sideOfSystem(action.in));
        const item = await callApi(sides[from].system, () => sides[from].readItem(action.fromId));
        if (item)
          await copyItem(deps, { record: connection, sides }, { side: from, id: action.fromId, item }, action.kind);
      }
      results.push({ action, ok: true });
    } catch (error) {
      const failure = toActivityFailure(error, action.action === 'create' && action.in === 'qbo' ? 'qbo' : 'zuper');
      // Transient failures retry the whole chunk (every action is idempotent); business failures are reported.
      if (!(failure instanceof ApplicationFailure) || !failure.nonRetryable) throw failure;
      const detail = (failure.details as { explanation?: string; fix?: string }[] | undefined)?.[0];
      results.push({
        action,
        ok: false,
        error: detail?.explanation ?? failure.message,
        ...(detail?.fix ? { fix: detail.fix } : {}),
      });
    }
  }
  return results;
}

/**
 * Stores a new link and starts its quantity settle. The base is the non-master side's quantity, so the first settle
 * moves that side to the master's quantity through a recorded movement (docs/settle.md, "A new link").
 */
export async function establishLink(
  deps: ActivityDeps,
  input: {
    connectionId: string;
    master: System;
    kind: ItemKind;
    items: Record<Side, CatalogItem>;
    ids: { accountingItemId: string; fieldItemId: string };
  },
): Promise<ItemLink> {
  const { connectionId, master, kind, items } = input;
  const tracked = kind === 'inventory';
  const masterSide = sideOfSystem(master);
  const link = await deps.store.links.create({
    connectionId,
    ...input.ids,
    itemKind: kind,
    tracksQuantity: tracked,
    baseQty: tracked
      ? initialBase(masterSide, { accounting: items.accounting.onHand, field: items.field.onHand })
      : null,
    definitionHash: definitionFingerprint(items[masterSide].definition(kind)),
  });
  await deps.workflows.requestSettles([link], { reason: 'initial link: the product master quantity wins' });
  return link;
}

/** Marks a real linking run finished in the history. */
export async function finishLinkReport(deps: ActivityDeps, input: { reportId: number; failed: number }): Promise<void> {
  await deps.store.db.query(
    `UPDATE sync_runs SET status = $2, finished_at = now(),
       summary = summary || CASE WHEN $3::int > 0 THEN ' — ' || $3::int || ' failed, see details' ELSE ' — done' END
     WHERE id = $1`,
    [input.reportId, input.failed > 0 ? 'needs_attention' : 'succeeded', input.failed],
  );
}
