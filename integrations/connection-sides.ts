import type { ConnectionSettings } from './connection-settings.js';
import { systemLabel, type System } from '../domain/systems.js';
import type { QbdQueueRepository } from './qbd/storage/queue.js';
import type { ConnectionSides, MovementListPort, RoutableChange, SidePort, UnannouncedChangesPort } from './port.js';
import { qbdAccountsOf } from './qbd/accounts.js';
import type { QbdSettings } from './qbd/connection-settings.js';
import type { QboSettings } from './qbo/connection-settings.js';
import { createQbdCatalogSide } from './qbd/catalog-side.js';
import type { ChangeReadPageSizes } from './qbd/operations.js';
import { createQbdQuantitySide } from './qbd/quantity-side.js';
import { defaultStepWait, watchStepWait, type QbdQueueAccess } from './qbd/queued-send.js';
import { forgetChosenSite } from './qbd/sites.js';
import { createQbdUnannouncedChanges } from './qbd/unannounced-changes.js';
import type { QboClient } from './qbo/client.js';
import { forgetQboAccounts, resolveQboAccounts } from './qbo/account-resolver.js';
import { readQboChange } from './qbo/announced-change.js';
import { createQboCatalogSide } from './qbo/catalog-side.js';
import { createQboQuantitySide } from './qbo/quantity-side.js';
import { createQboUnannouncedChanges } from './qbo/unannounced-changes.js';
import type { ZuperClient } from './zuper/client.js';
import { createZuperCatalogSide } from './zuper/catalog-side.js';
import { readZuperChange } from './zuper/announced-change.js';
import { createZuperMovementList } from './zuper/movement-list.js';
import { createZuperQuantitySide } from './zuper/quantity-side.js';

/** Each system's API client for a connection, built from its stored credentials (and cached) by the caller. */
export interface SystemClients {
  qbo(connectionId: string): Promise<QboClient>;
  zuper(connectionId: string): Promise<ZuperClient>;
  qbdQueue: QbdQueueRepository;
  /** Page sizes of QuickBooks Desktop's change reads, when the deployment sets them; else the defaults. */
  qbdChangeReadPageSizes?: ChangeReadPageSizes;
}

/**
 * The sync step (activity attempt) the sides serve: its key is the same on every retry, so a side whose requests
 * wait for another system's poll (QuickBooks Desktop's) finds them again; heartbeats while it waits.
 */
export interface SideStep {
  key: string;
  heartbeat: () => void;
  /** Aborted when the step is cancelled, as when its worker shuts down: a side waiting on a poll stops waiting. */
  cancellation: AbortSignal;
}

/** A step's way to QuickBooks Desktop: the connection's work queue, waited on as `wait` says, heartbeating. */
const qbdAccess = (
  clients: SystemClients,
  connectionId: string,
  step: SideStep,
  wait: Pick<QbdQueueAccess, 'waitMs' | 'pollMs'>,
): QbdQueueAccess => ({
  queue: clients.qbdQueue,
  connectionId,
  heartbeat: step.heartbeat,
  cancellation: step.cancellation,
  ...wait,
});

/**
 * The accounting side of a connection whose books are in QuickBooks Desktop. Its movements land at the inventory site
 * the connection's default Zuper location maps to (its name is read only when a site is chosen by it).
 */
function qbdSide(
  clients: SystemClients,
  connectionId: string,
  step: SideStep,
  settings: QbdSettings,
  locationUid: string,
  zuper: ZuperClient,
): SidePort {
  const options = {
    access: qbdAccess(clients, connectionId, step, defaultStepWait),
    stepKey: step.key,
    accounts: qbdAccountsOf(settings.accounts),
    sites: {
      named: settings.site,
      fieldLocation: {
        id: locationUid,
        name: async () =>
          (await zuper.listLocations()).find((l) => l.uid === locationUid && !l.isDeleted)?.name ?? null,
      },
    },
  };
  return { ...createQbdQuantitySide(options), ...createQbdCatalogSide(options) };
}

/**
 * Which implementation of the port serves each side of a connection, built from its clients and settings: beside
 * the registry, the one place that knows which systems exist (docs/sides.md).
 */
export async function createConnectionSides(
  clients: SystemClients,
  connection: { id: string; accountingSystem: System },
  settings: ConnectionSettings,
  step: SideStep,
): Promise<ConnectionSides> {
  const connectionId = connection.id;
  const zuper = await clients.zuper(connectionId);
  const { accounting, field } = settings;
  return {
    accounting:
      accounting.system === 'qbd'
        ? qbdSide(clients, connectionId, step, accounting, field.defaultLocationUid, zuper)
        : await qboSide(clients, connectionId, accounting),
    field: {
      ...createZuperQuantitySide({ client: zuper, defaultLocationUid: field.defaultLocationUid }),
      ...createZuperCatalogSide({
        client: zuper,
        defaultLocationUid: field.defaultLocationUid,
        minQuantity: settings.minQuantity,
      }),
    },
  };
}

/** The accounting side of a connection whose books are in QuickBooks Online. */
async function qboSide(clients: SystemClients, connectionId: string, settings: QboSettings): Promise<SidePort> {
  const qbo = await clients.qbo(connectionId);
  const accounts = () => resolveQboAccounts(qbo, connectionId, settings.accounts);
  return {
    ...createQboQuantitySide({
      client: qbo,
      quantityWrite: settings.quantityWrite,
      adjustmentAccountId: async () => (await accounts()).adjustmentAccountId,
    }),
    ...createQboCatalogSide({ client: qbo, accounts }),
  };
}

/**
 * Forgets what the sides resolved from a connection's settings (QuickBooks' accounts, QuickBooks Desktop's site) once
 * the settings change.
 */
export const forgetResolvedSettings = (connectionId: string): void => {
  forgetQboAccounts(connectionId);
  forgetChosenSite(connectionId);
};

/**
 * What the quantity watch polls on a connection: its accounting system's unannounced changes. QuickBooks Desktop's
 * are read over the work queue under the poll's step key, so a poll retried while the Web Connector is away finds
 * its reads instead of queueing more.
 */
export async function createWatchedChanges(
  clients: SystemClients,
  connection: { id: string; accountingSystem: System },
  step: SideStep,
): Promise<UnannouncedChangesPort> {
  if (connection.accountingSystem === 'qbd') {
    return createQbdUnannouncedChanges({
      access: qbdAccess(clients, connection.id, step, watchStepWait),
      stepKey: step.key,
      ...(clients.qbdChangeReadPageSizes ? { pageSizes: clients.qbdChangeReadPageSizes } : {}),
    });
  }
  return createQboUnannouncedChanges(await clients.qbo(connection.id));
}

/** How each system that announces changes has a stored one read for routing; a new system registers here. */
const announcedChangeReaders: Partial<Record<System, (clients: SystemClients, change: unknown) => RoutableChange>> = {
  qbo: (clients, change) => readQboChange(change, (connectionId) => clients.qbo(connectionId)),
  zuper: (clients, change) => readZuperChange(change, (connectionId) => clients.zuper(connectionId)),
};

/**
 * A change `system` announced, read by that system's integration (the stored change is checked to be its own); the
 * client is made only if the change must be read.
 */
export function readAnnouncedChange(clients: SystemClients, system: System, change: unknown): RoutableChange {
  const read = announcedChangeReaders[system];
  if (!read) throw new Error(`${systemLabel(system)} announces no changes, so none can be routed`);
  return read(clients, change);
}

/** Each system's movement list, for its deliveries that name no item. */
const movementLists: Partial<
  Record<System, (clients: SystemClients, connectionId: string) => Promise<MovementListPort>>
> = {
  zuper: async (clients, connectionId) => createZuperMovementList(await clients.zuper(connectionId)),
};

/** The movement list of `system`, for its deliveries that announce a stock movement without naming the item. */
export function createMovementList(
  clients: SystemClients,
  system: System,
  connectionId: string,
): Promise<MovementListPort> {
  const list = movementLists[system];
  if (!list) throw new Error(`${systemLabel(system)} keeps no movement list the sync reads`);
  return list(clients, connectionId);
}
