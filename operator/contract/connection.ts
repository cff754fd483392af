import { z } from 'zod';

export const connectionSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'needs_reconnect', 'disconnected']),
  statusReason: z.string().nullable(),
  configured: z.boolean(),
  qboConnected: z.boolean(),
  qboRealmId: z.string().nullable(),
  zuperConnected: z.boolean(),
  zuperCompany: z.string().nullable(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

export const connectionListSchema = z.object({ connections: z.array(connectionSummarySchema) });
export type ConnectionList = z.infer<typeof connectionListSchema>;
