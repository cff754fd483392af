import type { ConnectionSides } from '../../integrations/port.js';
import { roundQty } from '../../domain/quantity.js';
import { sides as bothSides, type Side } from '../../domain/sides.js';
import { missingItem, onSide } from '../sides.js';

type LinkedItem = { connectionId: string; accountingItemId: string; fieldItemId: string };

/**
 * Reads the quantity each side holds for a linked item (the field side's total across locations), or only the `only`
 * side's, with the item's name for the history row (the accounting side's when it was read; customer data: it travels
 * only in encrypted payloads and the store). A side not read is absent.
 */
export async function readQuantities(
  ports: ConnectionSides,
  link: LinkedItem,
  only?: Side,
): Promise<{ quantities: Partial<Record<Side, number>>; name: string }> {
  const itemIds: Record<Side, string> = { accounting: link.accountingItemId, field: link.fieldItemId };
  const read = await Promise.all(
    (only ? [only] : bothSides).map(async (side) => {
      const port = ports[side];
      const found = await onSide(port, link, () => port.readQuantity(itemIds[side]));
      if (!found) throw missingItem(port, link, itemIds[side]);
      return { side, quantity: roundQty(found.quantity), name: found.name };
    }),
  );
  return {
    quantities: Object.fromEntries(read.map((r) => [r.side, r.quantity])),
    name: read[0]!.name,
  };
}
