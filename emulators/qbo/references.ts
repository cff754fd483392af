import { faults } from './fault-shapes.js';
import type { Reference } from './input-fields.js';
import type { Entity, Json, RealmStore } from './store.js';

/** Resolves a reference: unknown ids answer 2500, inactive records 610. */
export function resolveReference(store: RealmStore, entity: string, ref: Reference, element: string): Entity {
  const target = store.get(entity, ref.value);
  if (!target) throw faults.invalidReference(`${element} ${entity} id ${ref.value} not found`);
  if (target.Active === false) throw faults.notFound();
  return target;
}

/** The reference as QBO echoes it: the value plus the target's display name. */
export function namedReference(ref: Reference, target: Json): Reference {
  const name = target.FullyQualifiedName ?? target.DisplayName ?? target.Name;
  return typeof name === 'string' ? { value: ref.value, name } : { value: ref.value };
}
