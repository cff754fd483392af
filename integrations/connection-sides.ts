import type { QboChange, ZuperChange } from '../domain/change-events.js';
import type { ConnectionSettings } from '../domain/connection-settings.js';
import type { ChangedItems, ConnectionSides, MovementListPort, UnannouncedChangesPort } from './port.js';
import type { QboClient } from './qbo/client.js';
import { forgetQboAccounts, resolveQboAccounts } from './qbo/account-resolver.js';
import { qboChangedItems } from './qbo/changed-items.js';
import { createQboCatalogSide } from './qbo/catalog-side.js';
import { createQboQuantitySide } from './qbo/quantity-side.js';
import { createQboUnannouncedChanges } from './qbo/unannounced-changes.js';
import type { ZuperClient } from './zuper/client.js';
import { createZuperCatalogSide } from './zuper/catalog-side.js';
import { zuperChangedItems } from './zuper/changed-items.js';
import { isZuperMovement } from './zuper/events.js';
import { createZuperMovementList } from './zuper/movement-list.js';
import { createZuperQuantitySide } from './zuper/quantity-side.js';

/** Each system's API client for a connection, built from its stored credentials (and cached) by the caller. */
export interface SystemClients {
  qbo(connectionId: string): Promise<QboClient>;
  zuper(connectionId: string): Promise<ZuperClient>;
}

/**
 * Which implementation of the port serves each side of a connection, built from its clients and settings: beside
 * the registry, the one place that knows which systems exist (docs/sides.md).
 */
export async function createConnectionSides(
  clients: SystemClients,
  connectionId: string,
  settings: ConnectionSettings,
): Promise<ConnectionSides> {
  const [qbo, zuper] = await Promise.all([clients.qbo(connectionId), clients.zuper(connectionId)]);
  const accounts = () => resolveQboAccounts(qbo, connectionId, settings.accounts ?? {});
  return {
    accounting: {
      ...createQboQuantitySide({
        client: qbo,
        quantityWrite: settings.qboQuantityWrite,
        adjustmentAccountId: async () => (await accounts()).adjustmentAccountId,
      }),
      ...createQboCatalogSide({ client: qbo, accounts }),
    },
    field: {
      ...createZuperQuantitySide({ client: zuper, defaultLocationUid: settings.defaultLocationUid }),
      ...createZuperCatalogSide({
        client: zuper,
        defaultLocationUid: settings.defaultLocationUid,
        minQuantity: settings.minQuantity,
      }),
    },
  };
}

/** Forgets what the sides resolved from a connection's settings (QuickBooks' accounts) once the settings change. */
export const forgetResolvedSettings = (connectionId: string): void => forgetQboAccounts(connectionId);

/** What the quantity watch polls on a connection: its accounting system's unannounced changes. */
export async function createWatchedChanges(
  clients: SystemClients,
  connectionId: string,
): Promise<UnannouncedChangesPort> {
  return createQboUnannouncedChanges(await clients.qbo(connectionId));
}

/** What a change the accounting system announced touched (the client is made only if the change must be read). */
export const accountingChangedItems = (clients: SystemClients, change: QboChange): Promise<ChangedItems> =>
  qboChangedItems(() => clients.qbo(change.connectionId), change);

/** What a change the field system announced touched (the client is made only if the change must be read). */
export const fieldChangedItems = (clients: SystemClients, change: ZuperChange): Promise<ChangedItems> =>
  zuperChangedItems(() => clients.zuper(change.connectionId), change);

/** A stock movement the field system announced without naming the item: its movement list says which moved. */
export const isUnnamedFieldMovement = (change: ZuperChange): boolean =>
  isZuperMovement(change.event) && !change.productUid;

/** The field system's movement list, for its deliveries that name no item. */
export async function createFieldMovementList(clients: SystemClients, connectionId: string): Promise<MovementListPort> {
  return createZuperMovementList(await clients.zuper(connectionId));
}
