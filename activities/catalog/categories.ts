import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { systemLabel } from '../../domain/systems.js';
import type { ConnectionSides } from '../../integrations/port.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';

/** The category linked to a category of the other side, if any. */
export function linkedCategory(
  deps: Pick<ActivityDeps, 'store'>,
  connectionId: string,
  side: Side,
  otherSideCategoryId: string,
): Promise<string | null> {
  return side === 'field'
    ? deps.store.categoryLinks.fieldFor(connectionId, otherSideCategoryId)
    : deps.store.categoryLinks.accountingFor(connectionId, otherSideCategoryId);
}

/** Why an item's category is left alone: the other side keeps none. */
export const categoriesNotSynced = (sides: ConnectionSides, side: Side): string | null =>
  sides[side].capabilities.categories
    ? null
    : `Categories are not synced: ${systemLabel(sides[side].system)} has no item categories`;

/**
 * A side's category for a category of the other side (or for none): linked, else found by name, else created, and
 * linked. Null where the side holds no category for it (items without a category, a stand-in for "none", a side
 * without categories). `knownName` is the category's name as the other side's `categoryName` answers it, where a read
 * already named it; `kind` is the kind of the item it is for (a side may keep categories per kind).
 */
export async function ensureCategory(
  deps: Pick<ActivityDeps, 'store'>,
  connection: { id: string; sides: ConnectionSides },
  side: Side,
  otherSideCategoryId: string | null,
  knownName?: string | null,
  kind?: ItemKind,
): Promise<string | null> {
  if (!connection.sides[side].capabilities.categories) return null;
  if (otherSideCategoryId) {
    const linked = await linkedCategory(deps, connection.id, side, otherSideCategoryId);
    if (linked) return linked;
  }
  const from = connection.sides[otherSide(side)];
  const to = connection.sides[side];
  const name = !otherSideCategoryId
    ? null
    : knownName !== undefined
      ? knownName
      : await callApi(from.system, () => from.categoryName(otherSideCategoryId));
  const origin = {
    systemLabel: systemLabel(from.system),
    id: otherSideCategoryId ?? '',
    key: `${connection.id}:${otherSideCategoryId ?? ''}`,
  };
  const id = await callApi(to.system, () => to.ensureCategory(name, origin, kind));
  if (otherSideCategoryId && id) {
    const [accountingId, fieldId] = side === 'field' ? [otherSideCategoryId, id] : [id, otherSideCategoryId];
    await deps.store.categoryLinks.link(connection.id, accountingId, fieldId);
  }
  return id;
}
