import { z } from 'zod';
import { systems } from '../../domain/systems.js';
import { olderConnectionFields } from './vendor-named-fields.js';

const sideAccountSchema = z.object({
  system: z.enum(systems),
  connected: z.boolean(),
  account: z.string().nullable(),
});

export const connectionSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'needs_reconnect', 'disconnected']),
  statusReason: z.string().nullable(),
  configured: z.boolean(),
  /** Each side's system, whether the connection is connected to it, and who the system knows it as. */
  sides: z.object({ accounting: sideAccountSchema, field: sideAccountSchema }),
  /** Older fields, from before sides: kept for existing clients. */
  ...olderConnectionFields,
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

export const connectionListSchema = z.object({ connections: z.array(connectionSummarySchema) });
export type ConnectionList = z.infer<typeof connectionListSchema>;
