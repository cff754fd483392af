import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { settingsOf } from '../connection-guard.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { systemLabel } from '../../domain/systems.js';
import type { CatalogItem, ConnectionSides } from '../../integrations/port.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { ensureCategory } from './categories.js';

/** The master's item a copy is made from: its side, its id there and what was read of it. */
export interface CopySource {
  side: Side;
  id: string;
  item: CatalogItem;
}

/**
 * Copies the master's item to the other side (its category found or created there first) and links the two. Safe to
 * retry: each side finds the item an earlier attempt created (docs/sides.md, "The port").
 */
export async function copyItem(
  deps: Pick<ActivityDeps, 'store'>,
  connection: { record: Connection; sides: ConnectionSides },
  source: CopySource,
  kind: ItemKind,
): Promise<ItemLink> {
  const settings = settingsOf(connection.record);
  const target = otherSide(source.side);
  const definition = source.item.definition(kind);
  const categoryId = await ensureCategory(
    deps,
    { id: connection.record.id, sides: connection.sides },
    target,
    definition.categoryId,
  );
  // A non-inventory item starts with the configured stand-in quantity where the other side keeps one for it.
  const quantity =
    kind === 'inventory' ? source.item.onHand : kind === 'noninventory' ? settings.nonInventoryQuantity : null;
  const port = connection.sides[target];
  const createdId = await callApi(port.system, () =>
    port.createItem(
      { kind, definition: { ...definition, categoryId }, quantity },
      {
        systemLabel: systemLabel(connection.sides[source.side].system),
        id: source.id,
        key: `${connection.record.id}:${source.id}`,
      },
    ),
  );
  const ids = source.side === 'accounting' ? [source.id, createdId] : [createdId, source.id];
  return linkOrExisting(deps, {
    connectionId: connection.record.id,
    accountingItemId: ids[0]!,
    fieldItemId: ids[1]!,
    itemKind: kind,
    tracksQuantity: kind === 'inventory',
    baseQty: kind === 'inventory' ? source.item.onHand : null,
    definitionHash: definitionFingerprint(definition),
  });
}

async function linkOrExisting(
  deps: Pick<ActivityDeps, 'store'>,
  link: Parameters<ActivityDeps['store']['links']['create']>[0],
) {
  const existing = await deps.store.links.get(link.connectionId, link.accountingItemId);
  if (existing && existing.fieldItemId === link.fieldItemId) return existing;
  return deps.store.links.create(link);
}
