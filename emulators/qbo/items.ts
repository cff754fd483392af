import { faults } from './fault-shapes.js';
import { has, parseInput } from './input-fields.js';
import { linkChild, placementUnder, refreshDescendants, unlinkChild } from './item-hierarchy.js';
import { fullUpdateResets, itemInputSchema, type ItemInput } from './item-input.js';
import { validateItemFields } from './item-validation.js';
import { lockForWrite } from './write-lock.js';
import { emitChange, type OperationContext } from './operation-context.js';
import { metaData, nextSyncToken, type Entity, type Json } from './store.js';
import { qboDateTime } from './time-format.js';

// Property order of QBO's Item responses.
const responseOrder = [
  'Name',
  'Sku',
  'Description',
  'PurchaseDesc',
  'Active',
  'SubItem',
  'ParentRef',
  'Level',
  'FullyQualifiedName',
  'Taxable',
  'SalesTaxIncluded',
  'PurchaseTaxIncluded',
  'UnitPrice',
  'Type',
  'IncomeAccountRef',
  'PurchaseCost',
  'ExpenseAccountRef',
  'AssetAccountRef',
  'TrackQtyOnHand',
  'QtyOnHand',
  'InvStartDate',
  'ReorderPoint',
  'SalesTaxCodeRef',
  'PurchaseTaxCodeRef',
  'PrefVendorRef',
  'ClassRef',
  'TaxClassificationRef',
  'Source',
  'ItemCategoryType',
];

/** Fields a client may set: all response fields except the ones derived from the hierarchy. */
const writableFields = responseOrder.filter((k) => k !== 'Level' && k !== 'FullyQualifiedName');

const deletedSuffix = /\s\(deleted(?:-\d+)?\)$/;

function pickWritable(source: Json): Json {
  const out: Json = {};
  for (const key of writableFields) if (source[key] !== undefined && source[key] !== null) out[key] = source[key];
  return out;
}

function render(fields: Json, id: string, syncToken: string, meta: Entity['MetaData']): Entity {
  const out: Json = {};
  for (const key of responseOrder) {
    const value = fields[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return { ...out, domain: 'QBO', sparse: false, Id: id, SyncToken: syncToken, MetaData: meta };
}

/** Level and FullyQualifiedName from the parent; Level only appears on sub-items. */
function place(fields: Json, parent: Entity | undefined): void {
  const placement = placementUnder(parent, String(fields.Name));
  fields.Level = parent ? placement.level : undefined;
  fields.FullyQualifiedName = placement.fullyQualifiedName;
}

function indexName(ctx: OperationContext, previous: Entity | undefined, next: Entity): void {
  if (previous) ctx.store.itemNames.delete(String(previous.Name).toLowerCase());
  ctx.store.itemNames.set(String(next.Name).toLowerCase(), next.Id);
  const oldParent = (previous?.ParentRef as { value?: string } | undefined)?.value;
  const newParent = (next.ParentRef as { value?: string } | undefined)?.value;
  if (oldParent !== newParent) {
    unlinkChild(ctx.store, oldParent, next.Id);
    linkChild(ctx.store, newParent, next.Id);
  }
}

export function createItem(ctx: OperationContext, body: unknown): Entity {
  const input = parseInput(itemInputSchema, body);
  const fields = pickWritable(input);
  if (fields.Type !== 'Category') {
    fields.Active ??= true;
    fields.UnitPrice ??= 0;
    fields.PurchaseCost ??= 0;
    fields.Taxable ??= false;
    fields.TrackQtyOnHand ??= false;
  } else {
    fields.Active ??= true;
  }
  const parent = validateItemFields(ctx.store, fields, undefined);
  place(fields, parent);
  const item = render(fields, ctx.store.nextId('Item'), '0', metaData(ctx.now));
  ctx.store.put('Item', item, ctx.now);
  ctx.store.lastEditor.set(`Item:${item.Id}`, ctx.actor);
  indexName(ctx, undefined, item);
  emitChange(ctx, 'Item', item.Id, 'Create');
  return item;
}

function mergeUpdate(existing: Entity, input: ItemInput): Json {
  const sparse = input.sparse === true;
  // Categories carry no price or tax flags, so a full update resets only what a category has.
  const resets =
    existing.Type === 'Category'
      ? { ...fullUpdateResets, UnitPrice: undefined, PurchaseCost: undefined, Taxable: undefined }
      : fullUpdateResets;
  const fields = sparse
    ? pickWritable(existing)
    : {
        ...resets,
        ...pickWritable({
          Type: existing.Type,
          TrackQtyOnHand: existing.TrackQtyOnHand,
          QtyOnHand: existing.QtyOnHand,
          InvStartDate: existing.InvStartDate,
        }),
      };
  const sent = input as Json;
  for (const key of writableFields) {
    if (!has(input, key)) continue;
    const value = sent[key];
    // A sparse update cannot null ReorderPoint; QtyOnHand null means "unchanged".
    if (value === null && ((key === 'ReorderPoint' && sparse) || key === 'QtyOnHand')) continue;
    // On update InvStartDate is the adjustment date: stored by QBO but never returned.
    if (key === 'InvStartDate' && existing.InvStartDate !== undefined) continue;
    fields[key] = value ?? undefined;
  }
  if (typeof fields.Name === 'string' && deletedSuffix.test(fields.Name) && fields.Active !== false) {
    fields.Name = fields.Name.replace(deletedSuffix, '');
  }
  return fields;
}

/** `Name (deleted)`, or `Name (deleted-2)`… when that is taken too. */
function deletedName(ctx: OperationContext, name: string, selfId: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (deleted${n === 1 ? '' : `-${n}`})`;
    const owner = ctx.store.itemNames.get(candidate.toLowerCase());
    if (owner === undefined || owner === selfId) return candidate;
  }
}

export function updateItem(ctx: OperationContext, body: unknown): Entity {
  const input = parseInput(itemInputSchema, body);
  const existing = lockForWrite(ctx, 'Item', input.Id, input.SyncToken);
  const fields = mergeUpdate(existing, input);
  const parent = validateItemFields(ctx.store, fields, existing);
  const inactivated = existing.Active !== false && fields.Active === false;
  if (fields.Active === false && ctx.settings.items.deletedNameSuffix && !deletedSuffix.test(String(fields.Name))) {
    fields.Name = deletedName(ctx, String(fields.Name), existing.Id);
  }
  place(fields, parent);
  const item = render(fields, existing.Id, nextSyncToken(existing.SyncToken), {
    CreateTime: existing.MetaData.CreateTime,
    LastUpdatedTime: qboDateTime(ctx.now),
  });
  ctx.store.put('Item', item, ctx.now);
  ctx.store.lastEditor.set(`Item:${item.Id}`, ctx.actor);
  indexName(ctx, existing, item);
  if (item.FullyQualifiedName !== existing.FullyQualifiedName) refreshDescendants(ctx.store, item);
  emitChange(ctx, 'Item', item.Id, inactivated ? ctx.settings.webhooks.itemInactivationOperation : 'Update');
  return item;
}

/** `operation=delete`: only categories can be hard-deleted; their children move up one level. */
export function deleteItem(ctx: OperationContext, body: unknown): Json {
  const input = parseInput(itemInputSchema, body);
  const existing = lockForWrite(ctx, 'Item', input.Id, input.SyncToken);
  if (existing.Type !== 'Category') throw faults.unsupportedOperation('Operation Delete is not supported.');
  const grandParentId = (existing.ParentRef as { value?: string } | undefined)?.value;
  const grandParent = grandParentId ? ctx.store.get('Item', grandParentId) : undefined;
  for (const childId of [...(ctx.store.itemChildren.get(existing.Id) ?? [])]) {
    const child = ctx.store.get('Item', childId);
    if (!child) continue;
    const fields = pickWritable(child);
    fields.ParentRef = grandParent ? { value: grandParent.Id, name: String(grandParent.Name) } : undefined;
    fields.SubItem = grandParent ? true : undefined;
    place(fields, grandParent);
    const moved = render(fields, child.Id, nextSyncToken(child.SyncToken), {
      ...child.MetaData,
      LastUpdatedTime: qboDateTime(ctx.now),
    });
    ctx.store.put('Item', moved, ctx.now);
    indexName(ctx, child, moved);
    refreshDescendants(ctx.store, moved);
    emitChange(ctx, 'Item', moved.Id, 'Update');
  }
  ctx.store.remove('Item', existing.Id, ctx.now);
  ctx.store.itemNames.delete(String(existing.Name).toLowerCase());
  ctx.store.itemChildren.delete(existing.Id);
  unlinkChild(ctx.store, grandParentId, existing.Id);
  emitChange(ctx, 'Item', existing.Id, 'Delete');
  return { status: 'Deleted', domain: 'QBO', Id: existing.Id };
}
