import { createHash } from 'node:crypto';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { QboItem } from '../../integrations/qbo/schemas/item.js';
import type { QboItemCreate } from '../../integrations/qbo/items.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import type { ItemKind } from '../../domain/catalog/kinds.js';
import { qboTypeFor, zuperTypeFor } from '../../domain/catalog/kinds.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { roundQty } from '../../domain/quantity.js';
import { ensureQboCategory, ensureZuperCategory } from './categories.js';
import { resolveQboAccounts } from './qbo-accounts.js';
import { qboNameOfProduct } from './product-qbo-name.js';
import { qboDefinition } from '../../integrations/qbo/catalog-side.js';
import { zuperDefinition } from '../../integrations/zuper/catalog-side.js';
import type { ItemLink } from '../../storage/repositories/links.js';

/** Zuper's own QuickBooks integration keeps the QBO id in this custom field; we do the same to find our copies. */
export const QBO_ID_FIELD = 'QB Product ID';

const today = () => new Date().toISOString().slice(0, 10);
const shortHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** Copies a QBO item into Zuper (at the default location) and links the two. Safe to retry. */
export async function copyQboItemToZuper(
  deps: ActivityDeps,
  connectionId: string,
  item: QboItem,
  kind: ItemKind,
): Promise<ItemLink> {
  const connection = await deps.store.connections.get(connectionId);
  const settings = connection.settings!;
  const zuper = await deps.clients.zuper(connectionId);
  // A retry after a lost answer must find the product it already created rather than create a second one.
  let uid: string | null = null;
  for await (const product of zuper.iterateProducts({ keyword: item.Name })) {
    if (product.metaData[QBO_ID_FIELD] === item.Id) uid = product.uid;
  }
  const quantity =
    kind === 'inventory'
      ? roundQty(item.QtyOnHand ?? 0)
      : kind === 'noninventory'
        ? settings.nonInventoryQuantity
        : null;
  if (!uid) {
    const categoryUid = await ensureZuperCategory(deps, connectionId, item.ParentRef?.value ?? null);
    uid = await callApi('zuper', () =>
      zuper.createProduct({
        name: item.Name,
        productId: item.Sku ?? null,
        description: item.Description ?? '',
        type: zuperTypeFor(kind),
        categoryUid,
        price: item.UnitPrice ?? null,
        purchasePrice: item.PurchaseCost ?? null,
        isAvailable: item.Active,
        trackQuantity: kind === 'inventory',
        ...(quantity === null
          ? {}
          : { locations: [{ locationUid: settings.defaultLocationUid, quantity, minQuantity: settings.minQuantity }] }),
        metaData: { [QBO_ID_FIELD]: item.Id },
      }),
    );
  }
  return linkOrExisting(deps, {
    connectionId,
    accountingItemId: item.Id,
    fieldItemId: uid,
    itemKind: kind,
    tracksQuantity: kind === 'inventory',
    baseQty: kind === 'inventory' ? quantity : null,
    definitionHash: definitionFingerprint(qboDefinition(item, kind)),
  });
}

/** Copies a Zuper product into QBO with the connection's accounts and links the two. Safe to retry (requestid). */
export async function copyZuperProductToQbo(
  deps: ActivityDeps,
  connectionId: string,
  product: ZuperProduct,
  kind: ItemKind,
): Promise<ItemLink> {
  const name = qboNameOfProduct(product);
  const qbo = await deps.clients.qbo(connectionId);
  const accounts = await resolveQboAccounts(deps, connectionId);
  const parentId = await ensureQboCategory(deps, connectionId, product.categoryUid);
  const common = {
    Name: name,
    ...(product.productId ? { Sku: product.productId.slice(0, 100) } : {}),
    ...(product.description ? { Description: product.description.slice(0, 4000) } : {}),
    ...(product.price !== null ? { UnitPrice: product.price } : {}),
    ...(product.purchasePrice !== null ? { PurchaseCost: product.purchasePrice } : {}),
    Active: product.isAvailable,
    ...(parentId ? { ParentRef: { value: parentId } } : {}),
  };
  const income = { value: accounts.incomeAccountId };
  const input: QboItemCreate =
    kind === 'inventory'
      ? {
          ...common,
          Type: 'Inventory',
          TrackQtyOnHand: true,
          QtyOnHand: roundQty(product.quantity),
          InvStartDate: today(),
          IncomeAccountRef: income,
          ExpenseAccountRef: { value: accounts.cogsAccountId },
          AssetAccountRef: { value: accounts.assetAccountId },
        }
      : { ...common, Type: qboTypeFor(kind) as 'Service', IncomeAccountRef: income };
  const created = await callApi('qbo', () =>
    qbo.createItem(input, { requestId: `it-${shortHash(`${connectionId}:${product.uid}`)}` }),
  );
  return linkOrExisting(deps, {
    connectionId,
    accountingItemId: created.Id,
    fieldItemId: product.uid,
    itemKind: kind,
    tracksQuantity: kind === 'inventory',
    baseQty: kind === 'inventory' ? roundQty(product.quantity) : null,
    definitionHash: definitionFingerprint(zuperDefinition(product, kind)),
  });
}

async function linkOrExisting(deps: ActivityDeps, link: Parameters<ActivityDeps['store']['links']['create']>[0]) {
  const existing = await deps.store.links.get(link.connectionId, link.accountingItemId);
  if (existing && existing.fieldItemId === link.fieldItemId) return existing;
  return deps.store.links.create(link);
}
