import type { ActivityDeps } from '../deps.js';
import type { Connection } from '../../storage/repositories/connections.js';
import { roundQty } from '../../domain/quantity.js';
import type { Side } from '../../domain/sides.js';
import { connectionSides, missingItem, onSide } from '../sides.js';

/**
 * Reads the quantity each side holds for a linked item (the field side's total across locations), with the accounting
 * side's item name for the history row (customer data: it travels only in encrypted payloads and the store).
 */
export async function readQuantities(
  deps: ActivityDeps,
  connection: Connection,
  link: { connectionId: string; accountingItemId: string; fieldItemId: string },
): Promise<Record<Side, number> & { name: string }> {
  const sides = await connectionSides(deps, connection);
  const [accounting, field] = await Promise.all([
    onSide(sides.accounting, link, () => sides.accounting.readQuantity(link.accountingItemId)),
    onSide(sides.field, link, () => sides.field.readQuantity(link.fieldItemId)),
  ]);
  if (!accounting) throw missingItem(sides.accounting, link, link.accountingItemId);
  if (!field) throw missingItem(sides.field, link, link.fieldItemId);
  return { accounting: roundQty(accounting.quantity), field: roundQty(field.quantity), name: accounting.name };
}
