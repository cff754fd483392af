import { faults } from './fault-shapes.js';
import type { Reference } from './input-fields.js';
import { checkParent } from './item-hierarchy.js';
import { creatableItemTypes, nonCreatableItemTypes, type ItemType } from './item-input.js';
import { namedReference, resolveReference } from './references.js';
import type { Entity, Json, RealmStore } from './store.js';

export function checkItemType(type: unknown): ItemType {
  if (type === undefined || type === null || type === '') {
    throw faults.requiredParam('Required parameter Type is missing in the request', 'Type');
  }
  const match = creatableItemTypes.find((t) => t === type);
  if (match) return match;
  if (typeof type === 'string' && nonCreatableItemTypes.includes(type)) {
    // ASSUMPTION: the exact fault for bundles is undocumented; the docs only say the API cannot create them.
    throw faults.businessValidation(
      `Business Validation Error: Items of type ${type} cannot be created or changed through the API.`,
    );
  }
  throw faults.invalidEnumeration(typeof type === 'string' ? type : JSON.stringify(type));
}

export function checkItemName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw faults.requiredParam('Required parameter Name is missing in the request', 'Name');
  }
  if (name.length > 100) throw faults.stringLength(String(name.length), 100);
  if (/[\t\n:]/.test(name)) {
    throw faults.businessValidation('Business Validation Error: Name cannot contain a colon (:), tab or newline.');
  }
  return name;
}

export function checkNameAvailable(store: RealmStore, name: string, selfId: string | undefined): void {
  const owner = store.itemNames.get(name.toLowerCase());
  if (owner !== undefined && owner !== selfId) throw faults.duplicateName();
}

const accountRules: Record<string, { types: string[]; label: string }> = {
  IncomeAccountRef: { types: ['Income', 'Other Income'], label: 'an income account' },
  AssetAccountRef: { types: ['Other Current Asset'], label: 'an Other Current Asset account' },
  ExpenseAccountRef: { types: ['Cost of Goods Sold'], label: 'a Cost of Goods Sold account' },
};

/** Resolves the account references present in `fields` (2500/610) and checks inventory account types (6000). */
function checkAccounts(store: RealmStore, fields: Json, type: ItemType): void {
  for (const key of ['IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef']) {
    const ref = fields[key] as Reference | undefined;
    if (!ref) continue;
    const account = resolveReference(store, 'Account', ref, key);
    const rule = accountRules[key];
    if (type === 'Inventory' && rule && !rule.types.includes(String(account.AccountType))) {
      throw faults.businessValidation(
        `Business Validation Error: For an inventory item, ${key} must be ${rule.label}.`,
      );
    }
    fields[key] = namedReference(ref, account);
  }
}

function requireField(fields: Json, key: string): void {
  if (fields[key] === undefined || fields[key] === null) {
    throw faults.requiredParam(`Required parameter ${key} is missing in the request`, key);
  }
}

/**
 * Validates a complete set of writable Item fields (after defaults or merging) and fills reference names.
 * Returns the parent category, if any.
 */
export function validateItemFields(store: RealmStore, fields: Json, existing: Entity | undefined): Entity | undefined {
  const type = checkItemType(fields.Type);
  if (
    existing &&
    existing.Type !== type &&
    (existing.Type === 'Inventory' || existing.Type === 'Category' || type === 'Category')
  ) {
    throw faults.businessValidation(
      `Business Validation Error: You can't change the type of a ${String(existing.Type)} item to ${type}.`,
    );
  }
  const name = checkItemName(fields.Name);
  if (type === 'Category') {
    if (!store.company.itemCategoriesFeature) {
      throw faults.businessValidation(
        'Business Validation Error: Categories are not enabled for this company (ItemCategoriesFeature).',
      );
    }
    if (fields.Active === false) {
      throw faults.businessValidation(
        'The Category Item type does not support soft delete with Active=false; use Operation=Delete to Hard Delete a Category',
      );
    }
    const stray = [
      'UnitPrice',
      'PurchaseCost',
      'IncomeAccountRef',
      'ExpenseAccountRef',
      'AssetAccountRef',
      'QtyOnHand',
    ].find((k) => fields[k] !== undefined && fields[k] !== null && fields[k] !== 0);
    if (stray || fields.TrackQtyOnHand === true) {
      throw faults.businessValidation(
        'Business Validation Error: A category cannot have a price, accounts or quantities.',
      );
    }
  }
  if (existing?.TrackQtyOnHand === true && fields.TrackQtyOnHand === false) {
    throw faults.businessValidation('Business Validation Error: Quantity tracking cannot be turned off once it is on.');
  }
  if (type === 'Inventory') {
    if (!store.company.trackQuantityOnHand) {
      throw faults.businessValidation(
        'Business Validation Error: Track quantity on hand is turned off for this company.',
      );
    }
    if (fields.TrackQtyOnHand !== true) {
      throw faults.requiredParam('Required parameter TrackQtyOnHand is missing in the request', 'TrackQtyOnHand');
    }
    for (const key of ['QtyOnHand', 'InvStartDate', 'IncomeAccountRef', 'AssetAccountRef', 'ExpenseAccountRef']) {
      requireField(fields, key);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(fields.InvStartDate))) {
      throw faults.malformedBody(`InvStartDate: invalid date ${String(fields.InvStartDate)}`);
    }
  } else if (fields.TrackQtyOnHand === true) {
    throw faults.businessValidation('Business Validation Error: Only inventory items can track quantity on hand.');
  }
  if ((type === 'NonInventory' || type === 'Service') && !fields.IncomeAccountRef && !fields.ExpenseAccountRef) {
    throw faults.requiredParam('Required parameter ExpenseAccountRef or IncomeAccountRef is missing in the request');
  }
  checkAccounts(store, fields, type);

  let parent: Entity | undefined;
  const parentRef = fields.ParentRef as Reference | undefined;
  if (parentRef) {
    parent = store.get('Item', parentRef.value);
    if (!parent) throw faults.invalidReference(`ParentRef Item id ${parentRef.value} not found`);
    checkParent(store, parent, existing?.Id, type);
    fields.SubItem = true;
    fields.ParentRef = { value: parent.Id, name: String(parent.Name) };
  } else if (fields.SubItem === true) {
    throw faults.requiredParam('Required parameter ParentRef is missing in the request', 'ParentRef');
  } else {
    fields.SubItem = undefined;
  }
  checkNameAvailable(store, name, existing?.Id);
  return parent;
}
