import { faults } from './fault-shapes.js';
import type { Entity, RealmStore } from './store.js';

// QBO allows 5 levels in FullyQualifiedName; categories nest at most 3 levels below a top-level category.
export const maxItemLevel = 4;
export const maxCategoryLevel = 3;

export interface Placement {
  level: number;
  fullyQualifiedName: string;
}

export function placementUnder(parent: Entity | undefined, name: string): Placement {
  if (!parent) return { level: 0, fullyQualifiedName: name };
  return { level: Number(parent.Level ?? 0) + 1, fullyQualifiedName: `${String(parent.FullyQualifiedName)}:${name}` };
}

function levelLimit(type: unknown): number {
  return type === 'Category' ? maxCategoryLevel : maxItemLevel;
}

/** Rejects a parent that is not a Category, would create a cycle, or pushes the subtree past the depth limits. */
export function checkParent(store: RealmStore, parent: Entity, itemId: string | undefined, type: unknown): void {
  if (parent.Type !== 'Category') {
    throw faults.businessValidation('Business Validation Error: Only a category can be the parent of an item.');
  }
  const parentLevel = Number(parent.Level ?? 0);
  if (itemId !== undefined) {
    for (let p: Entity | undefined = parent; p; p = parentOf(store, p)) {
      if (p.Id === itemId)
        throw faults.businessValidation('Business Validation Error: A category cannot be moved under itself.');
    }
  }
  const tooDeep = (id: string | undefined, itemType: unknown, level: number): boolean => {
    if (level > levelLimit(itemType)) return true;
    if (id === undefined) return false;
    for (const childId of store.itemChildren.get(id) ?? []) {
      const child = store.get('Item', childId);
      if (child && tooDeep(childId, child.Type, level + 1)) return true;
    }
    return false;
  };
  if (tooDeep(itemId, type, parentLevel + 1)) {
    throw faults.businessValidation(
      `Business Validation Error: Categories can be nested at most ${maxCategoryLevel} levels deep and items ${maxItemLevel}.`,
    );
  }
}

function parentOf(store: RealmStore, item: Entity): Entity | undefined {
  const ref = item.ParentRef as { value?: string } | undefined;
  return ref?.value ? store.get('Item', ref.value) : undefined;
}

export function linkChild(store: RealmStore, parentId: string | undefined, childId: string): void {
  if (parentId === undefined) return;
  let children = store.itemChildren.get(parentId);
  if (!children) {
    children = new Set();
    store.itemChildren.set(parentId, children);
  }
  children.add(childId);
}

export function unlinkChild(store: RealmStore, parentId: string | undefined, childId: string): void {
  if (parentId === undefined) return;
  store.itemChildren.get(parentId)?.delete(childId);
}

/** Recomputes Level, FullyQualifiedName and ParentRef names below `item` after it was renamed or moved. */
export function refreshDescendants(store: RealmStore, item: Entity): void {
  for (const childId of store.itemChildren.get(item.Id) ?? []) {
    const child = store.get('Item', childId);
    if (!child) continue;
    const placement = placementUnder(item, String(child.Name));
    child.Level = placement.level;
    child.FullyQualifiedName = placement.fullyQualifiedName;
    child.ParentRef = { value: item.Id, name: String(item.Name) };
    refreshDescendants(store, child);
  }
}
