import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import type { QboItem } from '../../integrations/qbo/schemas/item.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import {
  changedFields,
  definitionFingerprint,
  type DefinitionField,
  type ItemDefinition,
} from '../../domain/catalog/definition.js';
import { toQboName } from '../../domain/catalog/qbo-name.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { ensureQboCategory, ensureZuperCategory } from './categories.js';
import { qboDefinition, zuperDefinition } from './definitions.js';

export interface PushResult {
  changed: DefinitionField[];
  before: Partial<ItemDefinition>;
  after: Partial<ItemDefinition>;
}

const pick = (def: ItemDefinition, fields: DefinitionField[]) =>
  Object.fromEntries(fields.map((f) => [f, def[f]])) as Partial<ItemDefinition>;

/** Brings the Zuper product's definition to the QBO master's; returns what changed. */
export async function pushQboDefinitionToZuper(
  deps: ActivityDeps,
  link: ItemLink,
  item: QboItem,
  product: ZuperProduct,
): Promise<PushResult> {
  const master = qboDefinition(item, link.itemKind);
  const current = zuperDefinition(product, link.itemKind);
  const mappedCategory = item.ParentRef
    ? await deps.store.categoryLinks.zuperFor(link.connectionId, item.ParentRef.value)
    : null;
  const otherInMasterTerms = {
    ...current,
    categoryId:
      product.categoryUid && mappedCategory === product.categoryUid
        ? (item.ParentRef?.value ?? null)
        : (product.categoryUid ?? null),
  };
  if (!item.ParentRef && mappedCategory === null) otherInMasterTerms.categoryId = null;
  const changed = changedFields(master, otherInMasterTerms);
  if (changed.length > 0) {
    const zuper = await deps.clients.zuper(link.connectionId);
    await callApi('zuper', () =>
      zuper.updateProduct(link.zuperProductUid, {
        ...(changed.includes('name') ? { name: master.name } : {}),
        ...(changed.includes('sku') ? { productId: master.sku } : {}),
        ...(changed.includes('description') ? { description: master.description } : {}),
        ...(changed.includes('price') ? { price: master.price } : {}),
        ...(changed.includes('cost') ? { purchasePrice: master.cost } : {}),
        ...(changed.includes('active') ? { isAvailable: master.active } : {}),
      }),
    );
    if (changed.includes('categoryId')) {
      const categoryUid = await ensureZuperCategory(deps, link.connectionId, master.categoryId);
      await callApi('zuper', () => zuper.updateProduct(link.zuperProductUid, { categoryUid }));
    }
  }
  await deps.store.links.setDefinitionHash(link.connectionId, link.qboItemId, definitionFingerprint(master));
  return { changed, before: pick(current, changed), after: pick(master, changed) };
}

/** Brings the QBO item's definition to the Zuper master's (sparse update with the current SyncToken). */
export async function pushZuperDefinitionToQbo(
  deps: ActivityDeps,
  link: ItemLink,
  product: ZuperProduct,
  item: QboItem,
): Promise<PushResult> {
  const master = zuperDefinition(product, link.itemKind);
  const current = qboDefinition(item, link.itemKind);
  const mappedCategory = item.ParentRef
    ? await deps.store.categoryLinks.qboFor(link.connectionId, product.categoryUid ?? '')
    : null;
  const otherInMasterTerms = {
    ...current,
    categoryId:
      item.ParentRef && mappedCategory === item.ParentRef.value ? product.categoryUid : (item.ParentRef?.value ?? null),
  };
  const wantedParent = await ensureQboCategory(deps, link.connectionId, product.categoryUid);
  if (!wantedParent && !item.ParentRef) otherInMasterTerms.categoryId = master.categoryId;
  const changed = changedFields(master, otherInMasterTerms);
  if (changed.length > 0) {
    const name = toQboName(master.name);
    if (!name.ok) {
      throw needsAttention(
        'qbo:invalid-name',
        `Zuper product ${product.uid}: ${name.reason}.`,
        'Rename the product in Zuper, then retry.',
      );
    }
    const qbo = await deps.clients.qbo(link.connectionId);
    await callApi('qbo', () =>
      qbo.updateItemSparse(
        {
          Id: item.Id,
          SyncToken: item.SyncToken,
          ...(changed.includes('name') ? { Name: name.name } : {}),
          ...(changed.includes('sku') ? { Sku: master.sku ?? '' } : {}),
          ...(changed.includes('description') ? { Description: master.description } : {}),
          ...(changed.includes('price') ? { UnitPrice: master.price ?? 0 } : {}),
          ...(changed.includes('cost') ? { PurchaseCost: master.cost ?? 0 } : {}),
          ...(changed.includes('active') ? { Active: master.active } : {}),
          ...(changed.includes('categoryId') && wantedParent ? { ParentRef: { value: wantedParent } } : {}),
        },
        { requestId: `up-${item.Id}-${item.SyncToken}`.slice(0, 50) },
      ),
    );
  }
  await deps.store.links.setDefinitionHash(link.connectionId, link.qboItemId, definitionFingerprint(master));
  return { changed, before: pick(current, changed), after: pick(master, changed) };
}
