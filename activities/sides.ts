import type { ActivityDeps } from './deps.js';
import type { Connection } from '../storage/repositories/connections.js';
import { callApi, needsAttention } from './failures.js';
import { settingsOf } from './connection-guard.js';
import type { ConnectionSides, QuantityPort } from '../integrations/port.js';
import { MissingItemError } from '../integrations/port.js';
import { createQboQuantitySide } from '../integrations/qbo/quantity-side.js';
import { createQboCatalogSide } from '../integrations/qbo/catalog-side.js';
import { createZuperQuantitySide } from '../integrations/zuper/quantity-side.js';
import { createZuperCatalogSide } from '../integrations/zuper/catalog-side.js';
import { resolveQboAccounts } from '../integrations/qbo/account-resolver.js';

/**
 * The registry of sides: which implementation of the port serves each side of a connection, built from its clients
 * and settings. The one place in the activities that knows which systems exist (docs/sides.md). Takes the
 * connection its caller has read already.
 */
export async function connectionSides(deps: ActivityDeps, connection: Connection): Promise<ConnectionSides> {
  const settings = settingsOf(connection);
  const connectionId = connection.id;
  const [qbo, zuper] = await Promise.all([deps.clients.qbo(connectionId), deps.clients.zuper(connectionId)]);
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

/** Runs a call on a side's system: its errors become Temporal failures, a missing item a needs-attention one. */
export async function onSide<T>(
  port: QuantityPort,
  link: { connectionId: string; accountingItemId: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await callApi(port.system, call);
  } catch (error) {
    if (error instanceof MissingItemError) throw missingItem(port, link, error.itemId);
    throw error;
  }
}

/** The item is gone from a side: nothing to retry until someone restores it or unlinks it. */
export function missingItem(
  port: QuantityPort,
  link: { connectionId: string; accountingItemId: string },
  itemId: string,
  unsynced: 'quantity' | 'definition' = 'quantity',
) {
  const { code, gone, restore } = port.missingItem(itemId);
  return needsAttention(
    code,
    `${gone}, so its ${unsynced} cannot be synced.`,
    `${restore}, or unlink the item (\`qzsync unlink-item ${link.connectionId} ${link.accountingItemId}\`) so the next catalog sync recreates it.`,
  );
}
