import { z } from 'zod';
import type { RoutableChange } from '../port.js';
import type { QboClient } from './client.js';
import { qboChangedItems } from './changed-items.js';

/** One entity change of a QuickBooks Online webhook, as the intake outbox keeps it. */
export const qboChangeSchema = z.object({
  connectionId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  operation: z.string(),
});
export type QboChange = z.infer<typeof qboChangeSchema>;

/** A stored QuickBooks Online change, checked, as routing reads it (the client is made only if the change is read). */
export function readQboChange(stored: unknown, client: (connectionId: string) => Promise<QboClient>): RoutableChange {
  const change = qboChangeSchema.parse(stored);
  return {
    connectionId: change.connectionId,
    namesNoItem: false,
    movementRef: null,
    reason: `QuickBooks ${change.entity} ${change.entityId} ${change.operation.toLowerCase()}`,
    logFields: { entity: change.entity, entityId: change.entityId },
    changedItems: () => qboChangedItems(() => client(change.connectionId), change),
  };
}
