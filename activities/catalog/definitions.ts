import type { QboItem } from '../../integrations/qbo/schemas/item.js';
import type { ZuperProduct } from '../../integrations/zuper/product-schema.js';
import type { ItemDefinition } from '../../domain/catalog/definition.js';
import { kindOfQboItem, kindOfZuperProduct, type ItemKind, type KindResult } from '../../domain/catalog/kinds.js';
import { stripInactiveNameSuffix } from '../../integrations/qbo/items.js';

export const qboKind = (item: QboItem): KindResult => kindOfQboItem(item.Type);
export const zuperKind = (product: ZuperProduct): KindResult => kindOfZuperProduct(product.type, product.trackQuantity);

export function qboDefinition(item: QboItem, kind: ItemKind): ItemDefinition {
  return {
    kind,
    name: stripInactiveNameSuffix(item.Name),
    sku: item.Sku ?? null,
    description: item.Description ?? '',
    price: item.UnitPrice ?? null,
    cost: item.PurchaseCost ?? null,
    categoryId: item.ParentRef?.value ?? null,
    active: item.Active,
  };
}

export function zuperDefinition(product: ZuperProduct, kind: ItemKind): ItemDefinition {
  return {
    kind,
    name: product.name,
    sku: product.productId,
    description: product.description,
    price: product.price,
    cost: product.purchasePrice,
    categoryId: product.categoryUid,
    active: product.isAvailable,
  };
}
