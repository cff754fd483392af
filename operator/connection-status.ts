import type { AppContext } from '../service/context.js';
import type { ConnectionStatusView, StatusAnswer } from './contract/status.js';
import {
  vendorNamedStatus,
  vendorNamedStatusAnswer,
  type MeteredReadUsageView,
} from './contract/vendor-named-fields.js';
import { readStretchFactor, readUsageMessage } from '../domain/metered-reads.js';
import { capabilitiesOf, olderStatusFields, sideCredentialStatus, sideNames } from '../integrations/registry.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import { issuedLoginState } from '../integrations/connection-credentials.js';
import { connectionSummary } from './connection-summary.js';
import { describeError } from './describe-error.js';
import { historyEntryView } from './history-view.js';
import { openFailures } from './open-failures.js';
import { findSchedule } from './schedule-control.js';

/**
 * Everything an operator checks first about one connection: health, tokens, links, last reconciliation, failures.
 * It answers even when Temporal does not, since that is when it is needed most.
 */
export async function connectionStatus(
  ctx: AppContext,
  connectionId: string,
  now = new Date(),
  reads?: Awaited<ReturnType<typeof appReads>>,
): Promise<ConnectionStatusView> {
  const connection = await ctx.store.connections.get(connectionId);
  // A system that calls the service with an issued login (reached when it polls): its connector's state.
  const issuedLogin = [connection.accountingSystem, ...connection.connectedSystems].some(
    (system) => capabilitiesOf(system).reachedWhenItPolls,
  );
  const [links, [lastReconcile], failures, schedule, app, connector] = await Promise.all([
    ctx.store.links.list(connectionId),
    ctx.store.history.list({ connectionId, kind: 'reconcile', limit: 1 }),
    openFailures(ctx.store.history, connectionId),
    findSchedule(ctx, connectionId).then(
      (view) => ({ view, problem: null }),
      (error: unknown) => ({ view: null, problem: `Temporal could not be asked: ${describeError(error)}` }),
    ),
    reads ?? appReads(ctx, now),
    issuedLogin ? issuedLoginState(ctx.store, connectionId) : null,
  ]);
  return {
    ...connectionSummary(connection),
    settings: readConnectionSettings(connection),
    names: sideNames(connection),
    credentials: sideCredentialStatus(connection, now),
    ...vendorNamedStatus(olderStatusFields(connection, now), connector, {
      thisMonth: app.perConnection.find((row) => row.connectionId === connectionId)?.reads ?? 0,
      app: app.usage,
    }),
    links: {
      total: links.length,
      quantityTracked: links.filter((l) => l.tracksQuantity).length,
      pendingSettles: links.filter((l) => l.pendingSettle).length,
    },
    lastReconciliation: lastReconcile ? historyEntryView(lastReconcile) : null,
    openFailures: failures.map(historyEntryView),
    schedule: schedule.view,
    scheduleProblem: schedule.problem,
  };
}

/** The app's metered reads this month, as status shows them. */
async function appReads(ctx: AppContext, now: Date) {
  const { usage, perConnection } = await ctx.clients.readsThisMonth(now);
  const stretch = readStretchFactor(usage.reads, usage.allowance, now);
  const view: MeteredReadUsageView = { ...usage, stretch, message: readUsageMessage(usage, stretch) };
  return { usage: view, perConnection };
}

export async function statusOfAll(
  ctx: AppContext,
  reachable: ReadonlySet<string> | null,
  now = new Date(),
): Promise<StatusAnswer> {
  const connections = (await ctx.store.connections.list()).filter((c) => reachable?.has(c.id) ?? true);
  const reads = await appReads(ctx, now);
  const shown =
    reachable === null ? reads.perConnection : reads.perConnection.filter((r) => reachable.has(r.connectionId));
  return {
    connections: await Promise.all(connections.map((c) => connectionStatus(ctx, c.id, now, reads))),
    ...vendorNamedStatusAnswer({ ...reads.usage, perConnection: shown }),
  };
}
