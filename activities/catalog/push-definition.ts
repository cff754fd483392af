import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import {
  changedFields,
  definitionFingerprint,
  type DefinitionField,
  type ItemDefinition,
} from '../../domain/catalog/definition.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import { otherSide, type Side } from '../../domain/sides.js';
import { systemLabel } from '../../domain/systems.js';
import type { CatalogItem, ConnectionSides } from '../../integrations/port.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { categoriesNotSynced, ensureCategory, linkedCategory } from './categories.js';

export interface PushResult {
  changed: DefinitionField[];
  before: Partial<ItemDefinition>;
  after: Partial<ItemDefinition>;
  /** What was left alone and why (a side without categories). */
  notes: string[];
}

type SidesOf = { id: string; sides: ConnectionSides };

const pick = (def: ItemDefinition, fields: DefinitionField[]) =>
  Object.fromEntries(fields.map((f) => [f, def[f]])) as Partial<ItemDefinition>;

/**
 * The other side's category in the master's ids, so that a pair of linked categories compares equal. A side that
 * must hold a category matches a master item without one whatever it holds; a side without one matches a master
 * category it cannot hold.
 */
async function categoryInMasterTerms(
  deps: Pick<ActivityDeps, 'store'>,
  connection: SidesOf,
  side: Side,
  masterCategoryId: string | null,
  categoryId: string | null,
  kind: ItemKind,
): Promise<string | null> {
  // A side without categories holds the master's as well as it can.
  if (masterCategoryId === null || !connection.sides[side].capabilities.categories) return masterCategoryId;
  if (categoryId !== null) {
    const linked = await linkedCategory(deps, connection.id, side, masterCategoryId);
    return linked === categoryId ? masterCategoryId : categoryId;
  }
  return (await ensureCategory(deps, connection, side, masterCategoryId, undefined, kind)) ? null : masterCategoryId;
}

/**
 * Brings the other side's definition to the master's: compares in the master's terms, writes the fields that
 * differ (the category found or created on the other side) and stores the master's fingerprint on the link.
 */
export async function pushDefinition(
  deps: Pick<ActivityDeps, 'store'>,
  connection: SidesOf,
  link: ItemLink,
  masterSide: Side,
  items: Record<Side, CatalogItem>,
): Promise<PushResult> {
  const side = otherSide(masterSide);
  const master = items[masterSide].definition(link.itemKind);
  const current = items[side].definition(link.itemKind);
  const currentCategory = await categoryInMasterTerms(
    deps,
    connection,
    side,
    master.categoryId,
    current.categoryId,
    link.itemKind,
  );
  const changed = changedFields(master, { ...current, categoryId: currentCategory });
  if (changed.length > 0) {
    const changes = pick(master, changed);
    if (changed.includes('categoryId')) {
      changes.categoryId = await ensureCategory(deps, connection, side, master.categoryId, undefined, link.itemKind);
    }
    const ids = { accounting: link.accountingItemId, field: link.fieldItemId };
    const port = connection.sides[side];
    await callApi(port.system, () =>
      port.updateItem({ id: ids[side], version: items[side].version }, changes, {
        systemLabel: systemLabel(connection.sides[masterSide].system),
        id: ids[masterSide],
        key: `${connection.id}:${ids[masterSide]}`,
      }),
    );
  }
  await deps.store.links.setDefinitionHash(link.connectionId, link.accountingItemId, definitionFingerprint(master));
  const note = master.categoryId === null ? null : categoriesNotSynced(connection.sides, side);
  return { changed, before: pick(current, changed), after: pick(master, changed), notes: note ? [note] : [] };
}
