import { z } from 'zod';

const sideAccountSchema = z.object({
  system: z.enum(['qbo', 'qbd', 'zuper']),
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
  qboConnected: z.boolean(),
  qboRealmId: z.string().nullable(),
  zuperConnected: z.boolean(),
  zuperCompany: z.string().nullable(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

export const connectionListSchema = z.object({ connections: z.array(connectionSummarySchema) });
export type ConnectionList = z.infer<typeof connectionListSchema>;
