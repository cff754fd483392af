import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { QboItem } from '../../integrations/qbo/schemas/item.js';
import type { QboItemPatch } from '../../integrations/qbo/items.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import type { ZuperProductPatch } from '../../integrations/zuper/product-fields.js';
import {
  changedFields,
  definitionFingerprint,
  type DefinitionField,
  type ItemDefinition,
} from '../../domain/catalog/definition.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { ensureQboCategory, ensureZuperCategory } from './categories.js';
import { qboDefinition } from '../../integrations/qbo/catalog-side.js';
import { zuperDefinition } from '../../integrations/zuper/catalog-side.js';
import { qboNameOfProduct } from './product-qbo-name.js';

export interface PushResult {
  changed: DefinitionField[];
  before: Partial<ItemDefinition>;
  after: Partial<ItemDefinition>;
}

/** What one direction supplies: the two definitions, the other side's category in the master's ids, the write. */
interface DefinitionPush {
  master: ItemDefinition;
  current: ItemDefinition;
  /** Category ids differ between the systems, so a pair of linked categories must compare equal. */
  currentCategoryInMasterTerms: string | null;
  write(changed: DefinitionField[]): Promise<void>;
}

/** The fields written as plain values; the category needs a lookup on the other side first. */
type PlainField = Exclude<DefinitionField, 'categoryId'>;

const pick = (def: ItemDefinition, fields: DefinitionField[]) =>
  Object.fromEntries(fields.map((f) => [f, def[f]])) as Partial<ItemDefinition>;

/** The patch for the changed plain fields, from each field's patch in the other side's vocabulary. */
const changedPlainFields = <Patch>(changed: DefinitionField[], byField: Record<PlainField, Partial<Patch>>) =>
  changed.reduce<Partial<Patch>>((patch, f) => (f === 'categoryId' ? patch : { ...patch, ...byField[f] }), {});

/** Compares in the master's terms, writes what differs and stores the master's fingerprint on the link. */
async function pushDefinition(deps: ActivityDeps, link: ItemLink, push: DefinitionPush): Promise<PushResult> {
  const { master, current } = push;
  const changed = changedFields(master, { ...current, categoryId: push.currentCategoryInMasterTerms });
  if (changed.length > 0) await push.write(changed);
  await deps.store.links.setDefinitionHash(link.connectionId, link.accountingItemId, definitionFingerprint(master));
  return { changed, before: pick(current, changed), after: pick(master, changed) };
}

/** Brings the Zuper product's definition to the QBO master's; returns what changed. */
export async function pushQboDefinitionToZuper(
  deps: ActivityDeps,
  link: ItemLink,
  item: QboItem,
  product: ZuperProduct,
): Promise<PushResult> {
  const master = qboDefinition(item, link.itemKind);
  return pushDefinition(deps, link, {
    master,
    current: zuperDefinition(product, link.itemKind),
    currentCategoryInMasterTerms: await zuperCategoryInQboTerms(deps, link, item, product),
    async write(changed) {
      const zuper = await deps.clients.zuper(link.connectionId);
      await callApi('zuper', () =>
        zuper.updateProduct(link.fieldItemId, changedPlainFields(changed, zuperPatches(master))),
      );
      if (changed.includes('categoryId')) {
        const categoryUid = await ensureZuperCategory(deps, link.connectionId, master.categoryId);
        await callApi('zuper', () => zuper.updateProduct(link.fieldItemId, { categoryUid }));
      }
    },
  });
}

/** Brings the QBO item's definition to the Zuper master's (sparse update with the current SyncToken). */
export async function pushZuperDefinitionToQbo(
  deps: ActivityDeps,
  link: ItemLink,
  product: ZuperProduct,
  item: QboItem,
): Promise<PushResult> {
  const master = zuperDefinition(product, link.itemKind);
  const { currentCategoryInMasterTerms, wantedParent } = await qboCategoryInZuperTerms(deps, link, product, item);
  return pushDefinition(deps, link, {
    master,
    current: qboDefinition(item, link.itemKind),
    currentCategoryInMasterTerms,
    async write(changed) {
      const name = qboNameOfProduct(product);
      const qbo = await deps.clients.qbo(link.connectionId);
      await callApi('qbo', () =>
        qbo.updateItemSparse(
          {
            Id: item.Id,
            SyncToken: item.SyncToken,
            ...changedPlainFields(changed, qboPatches(master, name)),
            ...(changed.includes('categoryId') && wantedParent ? { ParentRef: { value: wantedParent } } : {}),
          },
          { requestId: `up-${item.Id}-${item.SyncToken}`.slice(0, 50) },
        ),
      );
    },
  });
}

/** Zuper's category in QBO's ids: the item's parent when Zuper holds the category linked to it. */
async function zuperCategoryInQboTerms(
  deps: ActivityDeps,
  link: ItemLink,
  item: QboItem,
  product: ZuperProduct,
): Promise<string | null> {
  // Zuper requires a category on every product: whichever it holds matches a QBO item without one.
  if (!item.ParentRef) return null;
  const linked = await deps.store.categoryLinks.fieldFor(link.connectionId, item.ParentRef.value);
  return product.categoryUid && linked === product.categoryUid ? item.ParentRef.value : (product.categoryUid ?? null);
}

/**
 * QBO's category in Zuper's ids, and the QBO category the Zuper one maps to (found or created; null when QBO cannot
 * hold it, such as Zuper's default category).
 */
async function qboCategoryInZuperTerms(deps: ActivityDeps, link: ItemLink, product: ZuperProduct, item: QboItem) {
  const parent = item.ParentRef;
  // Looked up before ensureQboCategory, which may link the category it finds or creates.
  const linked = parent
    ? await deps.store.categoryLinks.accountingFor(link.connectionId, product.categoryUid ?? '')
    : null;
  const wantedParent = await ensureQboCategory(deps, link.connectionId, product.categoryUid);
  if (parent)
    return { wantedParent, currentCategoryInMasterTerms: linked === parent.value ? product.categoryUid : parent.value };
  // An item without a parent is as close as QBO gets to a category it cannot hold.
  return { wantedParent, currentCategoryInMasterTerms: wantedParent ? null : product.categoryUid };
}

const zuperPatches = (master: ItemDefinition): Record<PlainField, Partial<ZuperProductPatch>> => ({
  name: { name: master.name },
  sku: { productId: master.sku },
  description: { description: master.description },
  price: { price: master.price },
  cost: { purchasePrice: master.cost },
  active: { isAvailable: master.active },
});

/** `name` is the master's name as QBO accepts it. */
const qboPatches = (master: ItemDefinition, name: string): Record<PlainField, Partial<QboItemPatch>> => ({
  name: { Name: name },
  sku: { Sku: master.sku ?? '' },
  description: { Description: master.description },
  price: { UnitPrice: master.price ?? 0 },
  cost: { PurchaseCost: master.cost ?? 0 },
  active: { Active: master.active },
});
