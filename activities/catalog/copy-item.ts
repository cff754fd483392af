import type { ActivityDeps } from '../deps.js';
import { callApi, toActivityFailure } from '../failures.js';
import { settingsOf } from '../connection-guard.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import { definitionFingerprint, type ItemDefinition } from '../../domain/catalog/definition.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { systemLabel } from '../../domain/systems.js';
import type { CatalogItem, ConnectionSides, ItemCreation } from '../../integrations/port.js';
import type { Connection } from '../../storage/repositories/connections.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { ensureCategory } from './categories.js';

/**
 * What a copy is made from, as read of the master's item: its definition as the link's kind syncs it, its stock and,
 * where the read named it, its category's name (`CatalogItem.copiedCategoryName`).
 */
export interface CopySnapshot {
  definition: ItemDefinition;
  onHand: number;
  categoryName?: string | null;
}

/** The master's item a copy is made from: its side, its id there, the link's kind and what was read of it. */
export interface CopySource extends CopySnapshot {
  side: Side;
  id: string;
  kind: ItemKind;
}

export const copySnapshotOf = (item: CatalogItem, kind: ItemKind): CopySnapshot => ({
  definition: item.definition(kind),
  onHand: item.onHand,
  ...(item.copiedCategoryName === undefined ? {} : { categoryName: item.copiedCategoryName }),
});

/** Each copy's link, or the error that kept it from being made, in the order of the sources. */
export type CopyOutcome = { link: ItemLink } | { error: unknown };

/**
 * Copies the master's items to the other side (each category found or created there once) and links each pair. The
 * items are created in the fewest requests the side allows (`createItems`). `retriedSince`: null on a first attempt;
 * else an earlier attempt may have created some of them, and the side finds those rather than create them twice.
 */
export async function copyItems(
  deps: Pick<ActivityDeps, 'store'>,
  connection: { record: Connection; sides: ConnectionSides },
  sources: readonly CopySource[],
  retriedSince: Date | null,
): Promise<CopyOutcome[]> {
  const outcomes: CopyOutcome[] = [];
  for (const side of ['accounting', 'field'] as const) {
    const positions = sources.flatMap((source, index) => (source.side === side ? [index] : []));
    const copied = await copyFromSide(
      deps,
      connection,
      side,
      positions.map((index) => sources[index]!),
      retriedSince,
    );
    positions.forEach((index, n) => (outcomes[index] = copied[n]!));
  }
  return outcomes;
}

async function copyFromSide(
  deps: Pick<ActivityDeps, 'store'>,
  connection: { record: Connection; sides: ConnectionSides },
  side: Side,
  sources: readonly CopySource[],
  retriedSince: Date | null,
): Promise<CopyOutcome[]> {
  if (sources.length === 0) return [];
  const settings = settingsOf(connection.record);
  const target = otherSide(side);
  const port = connection.sides[target];
  const categories = new Map<string | null, string | null>();
  const outcomes: CopyOutcome[] = [];
  const creations: ItemCreation[] = [];
  const positions: number[] = [];
  for (const [index, source] of sources.entries()) {
    const masterCategory = source.definition.categoryId;
    try {
      if (!categories.has(masterCategory)) {
        categories.set(
          masterCategory,
          await ensureCategory(
            deps,
            { id: connection.record.id, sides: connection.sides },
            target,
            masterCategory,
            source.categoryName,
            source.kind,
          ),
        );
      }
    } catch (error) {
      outcomes[index] = { error };
      continue;
    }
    const { kind } = source;
    // A non-inventory item starts with the configured stand-in quantity where the other side keeps one for it.
    const quantity =
      kind === 'inventory' ? source.onHand : kind === 'noninventory' ? settings.nonInventoryQuantity : null;
    creations.push({
      item: { kind, definition: { ...source.definition, categoryId: categories.get(masterCategory)! }, quantity },
      origin: {
        systemLabel: systemLabel(connection.sides[side].system),
        id: source.id,
        key: `${connection.record.id}:${source.id}`,
      },
    });
    positions.push(index);
  }
  const created = await callApi(port.system, () => port.createItems(creations, retriedSince));
  for (const [n, outcome] of created.entries()) {
    const index = positions[n]!;
    const source = sources[index]!;
    if ('error' in outcome) {
      outcomes[index] = { error: toActivityFailure(outcome.error, port.system) };
      continue;
    }
    const ids = side === 'accounting' ? [source.id, outcome.id] : [outcome.id, source.id];
    outcomes[index] = {
      link: await linkOrExisting(deps, {
        connectionId: connection.record.id,
        accountingItemId: ids[0]!,
        fieldItemId: ids[1]!,
        itemKind: source.kind,
        tracksQuantity: source.kind === 'inventory',
        baseQty: source.kind === 'inventory' ? source.onHand : null,
        definitionHash: definitionFingerprint(source.definition),
      }),
    };
  }
  return outcomes;
}

/** Copies one item of the master to the other side and links the two (`copyItems` for a single item). */
export async function copyItem(
  deps: Pick<ActivityDeps, 'store'>,
  connection: { record: Connection; sides: ConnectionSides },
  source: CopySource,
  retriedSince: Date | null,
): Promise<ItemLink> {
  const outcome = (await copyItems(deps, connection, [source], retriedSince))[0]!;
  if ('error' in outcome) throw outcome.error;
  return outcome.link;
}

async function linkOrExisting(
  deps: Pick<ActivityDeps, 'store'>,
  link: Parameters<ActivityDeps['store']['links']['create']>[0],
) {
  const existing = await deps.store.links.get(link.connectionId, link.accountingItemId);
  if (existing && existing.fieldItemId === link.fieldItemId) return existing;
  return deps.store.links.create(link);
}
