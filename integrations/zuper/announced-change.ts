import { z } from 'zod';
import type { RoutableChange } from '../port.js';
import type { ZuperClient } from './client.js';
import { zuperChangedItems } from './changed-items.js';
import { isZuperMovement } from './events.js';

/** One Zuper webhook delivery, as the intake outbox keeps it. */
export const zuperChangeSchema = z.object({
  connectionId: z.string(),
  event: z.string(),
  productUid: z.string().nullable(),
  invoiceUid: z.string().nullable(),
  // Stored from this version on; deliveries stored before carry none and read the movement list as they did.
  transactionUid: z.string().nullable().optional(),
});
export type ZuperChange = z.infer<typeof zuperChangeSchema>;

/** A stored Zuper change, checked, as routing reads it (the client is made only if the change is read). */
export function readZuperChange(
  stored: unknown,
  client: (connectionId: string) => Promise<ZuperClient>,
): RoutableChange {
  const change = zuperChangeSchema.parse(stored);
  const what = change.invoiceUid ? `invoice ${change.invoiceUid}` : `product ${change.productUid ?? ''}`;
  return {
    connectionId: change.connectionId,
    // A stock movement's delivery names the movement, never the product: the movement list says which moved.
    namesNoItem: isZuperMovement(change.event) && !change.productUid,
    movementRef: isZuperMovement(change.event) ? (change.transactionUid ?? null) : null,
    reason: `Zuper ${change.event} (${what})`,
    logFields: { event: change.event },
    changedItems: () => zuperChangedItems(() => client(change.connectionId), change),
  };
}
