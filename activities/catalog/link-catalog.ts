import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention, toActivityFailure } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import type { LinkAction } from '../../domain/catalog/matching.js';
import { linkActionOf, type StoredLinkAction } from '../../domain/recorded-shapes/link-action.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import type { CatalogItem, ConnectionSides } from '../../integrations/port.js';
import { sideNames } from '../../integrations/registry.js';
import { otherSide, type Side } from '../../domain/sides.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { initialBase } from '../../domain/settle.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { connectionSides } from '../sides.js';
import { earlierAttemptsSince } from '../earlier-attempts.js';
import type { SyncRecord } from '../../storage/repositories/history.js';
import { readCatalogPages } from './read-catalogs.js';
import { copyItems, copySnapshotOf, type CopySnapshot, type CopySource } from './copy-item.js';
import { UnlinkedItems, type PlannedLinkAction } from './unlinked-items.js';

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
  /** As decided; results recorded in histories before the sides were named hold the older shape. */
  action: StoredLinkAction;
  ok: boolean;
  error?: string;
  fix?: string;
}

/**
 * Counts a plan's actions into `summary` as they go by; its `keep` is the links the connection has, which the stored
 * plan leaves out.
 */
function* tallied<Action extends LinkAction>(actions: Iterable<Action>, summary: LinkSummary): Generator<Action> {
  for (const action of actions) {
    if (action.action !== 'keep') summary[action.action]++;
    if (action.action === 'link' && action.quantityChange) summary.quantityChanges++;
    yield action;
  }
}

/**
 * Reads both catalogs a page at a time and keeps only the items no link names (each page's links are read from the
 * store by id), then plans those: a linked item is kept as it is, so the plan need not see it.
 */
export async function planUnlinked(
  deps: ActivityDeps,
  input: { connection: Connection; master: Side; sides: ConnectionSides; read: readonly Side[] },
  linkedItem: (side: Side, item: CatalogItem, link: ItemLink) => void = () => {},
): Promise<Iterable<PlannedLinkAction>> {
  const names = sideNames(input.connection);
  const unlinked = new UnlinkedItems(input.master, { accounting: names.accounting.system, field: names.field.system });
  await readCatalogPages(input.sides, input.read, async (side, page) => {
    const links = await deps.store.links.onSide(
      input.connection.id,
      side,
      page.map((item) => item.entry.id),
    );
    for (const item of page) {
      const link = links.get(item.entry.id);
      if (link) linkedItem(side, item, link);
      else unlinked.add(side, item);
    }
  });
  return unlinked.plan();
}

/** What a stored plan's report says once its actions are stored. */
type PlanReportOutcome = Pick<SyncRecord, 'status' | 'summary'> & { details: Record<string, unknown> };

/**
 * Stores a linking plan as it is decided: its actions in pages beside the report (`linkPlans`), then the report with
 * what `outcome` makes of them. The rows need the report's id, so the report is recorded first, as started, and
 * completed under the same key once they are stored.
 */
export async function storeLinkPlan(
  deps: ActivityDeps,
  report: Omit<SyncRecord, 'status' | 'summary' | 'details'> & { dedupeKey: string },
  actions: Iterable<PlannedLinkAction>,
  outcome: () => PlanReportOutcome,
): Promise<{ reportId: number; actionCount: number }> {
  const reportId = await deps.store.history.record({ ...report, status: 'started', summary: 'Planning the linking' });
  const actionCount = await deps.store.linkPlans.write(reportId, actions);
  const { details, ...completed } = outcome();
  await deps.store.history.record({ ...report, ...completed, details: { ...details, actionCount } });
  return { reportId, actionCount };
}

/** Plans the initial linking and stores it as a report (the dry run's answer, the real run's work list). */
export async function planCatalogLinking(
  deps: ActivityDeps,
  input: { connectionId: string; dryRun: boolean; workflowId: string; runId: string },
): Promise<LinkPlanResult> {
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const actions = await planUnlinked(deps, {
    connection,
    master: settings.productMaster,
    sides: await connectionSides(deps, connection),
    read: ['accounting', 'field'],
  });
  const summary: LinkSummary = {
    keep: await deps.store.links.count(input.connectionId),
    link: 0,
    create: 0,
    skip: 0,
    quantityChanges: 0,
  };
  const stored = await storeLinkPlan(
    deps,
    {
      dedupeKey: `${input.workflowId}:${input.runId}:link-plan`,
      connectionId: input.connectionId,
      kind: 'link',
      workflowId: input.workflowId,
      runId: input.runId,
    },
    tallied(actions, summary),
    () => ({
      status: input.dryRun ? 'succeeded' : 'started',
      summary: `${input.dryRun ? 'Dry run: would link' : 'Linking'} ${summary.link}, create ${summary.create}, skip ${summary.skip} (${summary.keep} already linked, ${summary.quantityChanges} quantities to move)`,
      details: { dryRun: input.dryRun, summary },
    }),
  );
  return { reportId: stored.reportId, summary, actions: stored.actionCount };
}

type CreateAction = Extract<LinkAction, { action: 'create' }>;

/** A stored plan's action, in either shape (link-action.ts). */
type StoredPlannedAction = StoredLinkAction & Pick<PlannedLinkAction, 'source'>;

/**
 * Actions [from, to) of a stored plan: from its pages, or from the report's details where it was stored whole; plans
 * stored before the sides were named (migration 017 rewrites them, a worker of the older version may still write one)
 * are read in the current shape.
 */
async function plannedActions(
  deps: ActivityDeps,
  input: { reportId: number; from: number; to: number },
): Promise<PlannedLinkAction[]> {
  const paged = await deps.store.linkPlans.range<StoredPlannedAction>(input.reportId, input.from, input.to);
  if (paged.length > 0) return paged.map((action) => linkActionOf(action));
  const report = await deps.store.history.get(input.reportId);
  const whole = (report?.details as { actions?: unknown } | null)?.actions;
  return Array.isArray(whole)
    ? (whole as StoredPlannedAction[]).slice(input.from, input.to).map((action) => linkActionOf(action))
    : [];
}

/**
 * Carries out actions [from, to) of a stored linking plan. Each action is idempotent, so a retried chunk is safe: the
 * chunk's copies are made together (`copyItems`, one batch request where the system offers one), and a retry finds the copies an
 * earlier attempt made.
 */
export async function applyLinkActions(
  deps: ActivityDeps,
  input: { connectionId: string; reportId: number; from: number; to: number },
): Promise<LinkActionResult[]> {
  const planned = await plannedActions(deps, input);
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const master = settings.productMaster;
  const sides = await connectionSides(deps, connection);
  const results: LinkActionResult[] = [];
  const copies: { index: number; action: CreateAction; source: CopySource }[] = [];
  for (const [index, { source, ...action }] of planned.entries()) {
    try {
      if (action.action === 'link') {
        const existing = await deps.store.links.get(input.connectionId, action.accountingItemId);
        if (!existing) {
          const [accounting, field] = await Promise.all([
            sides.accounting.readItem(action.accountingItemId),
            sides.field.readItem(action.fieldItemId),
          ]);
          if (!accounting || !field)
            throw needsAttention('link:vanished', 'One side of the match no longer exists.', 'Run the link again.');
          await establishLink(deps, {
            connectionId: input.connectionId,
            master,
            kind: action.kind,
            items: { accounting, field },
            ids: { accountingItemId: action.accountingItemId, fieldItemId: action.fieldItemId },
          });
        }
      } else if (action.action === 'create') {
        // A create copies from the master's side, opposite the side it creates on.
        const side = otherSide(action.in);
        if (!(await isLinked(deps, input.connectionId, side, action.fromId))) {
          const snapshot = source ?? (await readSnapshot(sides, side, action));
          // An item deleted since the plan was made is not copied.
          if (snapshot) {
            copies.push({ index, action, source: { side, id: action.fromId, kind: action.kind, ...snapshot } });
          }
        }
      }
      results[index] = { action, ok: true };
    } catch (error) {
      results[index] = failedAction(action, error, sides);
    }
  }
  const copied = await copyItems(
    deps,
    { record: connection, sides },
    copies.map((c) => c.source),
    earlierAttemptsSince(),
  );
  copied.forEach((outcome, n) => {
    const { index } = copies[n]!;
    if ('error' in outcome) results[index] = failedAction(copies[n]!.action, outcome.error, sides);
  });
  return results;
}

/** Whether the item is linked already (by an earlier attempt, or by its item sync since the plan was made). */
async function isLinked(deps: ActivityDeps, connectionId: string, side: Side, id: string): Promise<boolean> {
  return (await deps.store.links.getOnSide(connectionId, side, id)) !== null;
}

async function readSnapshot(sides: ConnectionSides, side: Side, action: CreateAction): Promise<CopySnapshot | null> {
  const port = sides[side];
  const item = await callApi(port.system, () => port.readItem(action.fromId));
  return item && copySnapshotOf(item, action.kind);
}

/**
 * A business failure as the action's result, named after the system on the side a create writes to (the field side's
 * for links); a transient one is thrown, and the whole chunk retried.
 */
function failedAction(action: LinkAction, error: unknown, sides: ConnectionSides): LinkActionResult {
  const failure = toActivityFailure(error, sides[action.action === 'create' ? action.in : 'field'].system);
  if (!(failure instanceof ApplicationFailure) || !failure.nonRetryable) throw failure;
  const detail = (failure.details as { explanation?: string; fix?: string }[] | undefined)?.[0];
  return {
    action,
    ok: false,
    error: detail?.explanation ?? failure.message,
    ...(detail?.fix ? { fix: detail.fix } : {}),
  };
}

/**
 * Stores a new link and starts its quantity settle. The base is the non-master side's quantity, so the first settle
 * moves that side to the master's quantity through a recorded movement (docs/settle.md, "A new link").
 */
export async function establishLink(
  deps: ActivityDeps,
  input: {
    connectionId: string;
    master: Side;
    kind: ItemKind;
    items: Record<Side, CatalogItem>;
    ids: { accountingItemId: string; fieldItemId: string };
  },
): Promise<ItemLink> {
  const { connectionId, master, kind, items } = input;
  const tracked = kind === 'inventory';
  const link = await deps.store.links.create({
    connectionId,
    ...input.ids,
    itemKind: kind,
    tracksQuantity: tracked,
    baseQty: tracked ? initialBase(master, { accounting: items.accounting.onHand, field: items.field.onHand }) : null,
    definitionHash: definitionFingerprint(items[master].definition(kind)),
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
