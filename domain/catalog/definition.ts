import type { ItemKind } from './kinds.js';

/** The definition fields that flow from the product master (docs/product.md, "Product master"). */
export interface ItemDefinition {
  kind: ItemKind;
  name: string;
  sku: string | null;
  description: string;
  price: number | null;
  cost: number | null;
  /** The category as the master names it (its own id), or null. */
  categoryId: string | null;
  active: boolean;
}

export type DefinitionField = Exclude<keyof ItemDefinition, 'kind'>;

const fields: DefinitionField[] = ['name', 'sku', 'description', 'price', 'cost', 'categoryId', 'active'];

const normalise = (field: DefinitionField, value: unknown) => {
  if (field === 'description' || field === 'sku') return ((value as string | null) ?? '').trim();
  if (field === 'price' || field === 'cost') return value === null ? 0 : Math.round((value as number) * 1e4) / 1e4;
  return value;
};

/** Fields whose value differs between the master and the other side (both expressed in the master's terms). */
export function changedFields(master: ItemDefinition, other: ItemDefinition): DefinitionField[] {
  return fields.filter((f) => normalise(f, master[f]) !== normalise(f, other[f]));
}

/** A stable fingerprint of a definition, stored on the link to notice master changes during reconciliation. */
export function definitionFingerprint(def: ItemDefinition): string {
  return JSON.stringify(fields.map((f) => normalise(f, def[f])));
}
