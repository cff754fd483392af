import type { AppContext } from '../service/context.js';
import { disconnections, type DisconnectableSystem } from '../integrations/connection-credentials.js';
import { capabilitiesOf } from '../integrations/registry.js';
import { systemLabel } from '../domain/systems.js';
import type { Disconnected } from './contract/connect.js';
import { describeError } from './describe-error.js';
import { conflict } from './errors.js';
import { stopAdjustmentWatch } from '../client/adjustment-watch.js';

/**
 * Disconnects a connection from one system: releases what the system keeps for the service (best effort, warned
 * about otherwise), deletes the credentials the service keeps, and stops the quantity watch when it polls that
 * system.
 */
export async function disconnectSystem(
  ctx: AppContext,
  connectionId: string,
  system: DisconnectableSystem,
): Promise<Disconnected> {
  const disconnection = disconnections[system];
  const label = systemLabel(system);
  const connection = await ctx.store.connections.get(connectionId);
  if (!disconnection.isConnected(connection)) {
    throw conflict(`${system}_not_connected`, `Connection "${connectionId}" is not connected to ${label}.`);
  }
  const release = await disconnection.prepareRelease(ctx, connectionId);
  const done: string[] = [];
  const warnings: string[] = [];
  try {
    done.push(await release());
  } catch (error) {
    warnings.push(disconnection.unreleased(describeError(error), connectionId));
  }
  // The watch polls the accounting system; it stops before the credentials go, so no poll meets them half gone.
  if (capabilitiesOf(system).unannouncedQuantityChanges && connection.accountingSystem === system) {
    try {
      await stopAdjustmentWatch(ctx.temporal, connectionId, `${label} disconnected`);
    } catch (error) {
      warnings.push(`The ${label} quantity watch could not be stopped (${describeError(error)}); its polls now fail.`);
    }
  }
  await disconnection.clear(ctx.store, connectionId);
  ctx.clients.forget(connectionId);
  done.push(disconnection.cleared);
  return { connectionId, system, done, warnings };
}
