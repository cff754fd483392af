import { z } from 'zod';
import { connectionSettingsSchema } from '../../integrations/connection-settings.js';
import { qbdConnectorStateSchema } from './connect.js';
import { connectionSummarySchema } from './connection.js';
import { historyEntrySchema } from './history.js';
import { sideNamesSchema } from './runs.js';
import { scheduleViewSchema } from './schedule.js';

/** QuickBooks token health: the refresh token's remaining life decides when the connection would die. */
export const tokenHealthSchema = z.object({
  level: z.enum(['not-connected', 'ok', 'warning', 'critical', 'expired']),
  realmId: z.string().nullable(),
  accessTokenExpiresAt: z.string().nullable(),
  refreshTokenExpiresAt: z.string().nullable(),
  refreshTokenDaysLeft: z.number().nullable(),
  message: z.string(),
});
export type TokenHealth = z.infer<typeof tokenHealthSchema>;

/** The whole app's metered QuickBooks reads this calendar month (UTC) against its monthly allowance. */
export const qboReadUsageSchema = z.object({
  month: z.string(),
  reads: z.number(),
  allowance: z.number(),
  share: z.number(),
  /** Reads at month-end at the pace so far. */
  projected: z.number(),
  projectedShare: z.number(),
  /** warning: 80 % used or projected; critical: 100 % used or projected (the quantity watch polls less often). */
  level: z.enum(['ok', 'warning', 'critical']),
  /** Factor by which metered polling intervals are stretched now (1: not stretched). */
  stretch: z.number(),
  message: z.string(),
});
export type QboReadUsageView = z.infer<typeof qboReadUsageSchema>;

export const connectionStatusSchema = connectionSummarySchema.extend({
  settings: connectionSettingsSchema.nullable(),
  /** The system on each side, as users know it: the product master names a side. */
  names: sideNamesSchema,
  qbo: tokenHealthSchema,
  zuper: z.object({ connected: z.boolean(), company: z.string().nullable(), apiUrl: z.string().nullable() }),
  /** The Web Connector of a connection whose books are in QuickBooks Desktop (or that holds its login); else null. */
  qbd: qbdConnectorStateSchema.nullable(),
  links: z.object({ total: z.number(), quantityTracked: z.number(), pendingSettles: z.number() }),
  lastReconciliation: historyEntrySchema.nullable(),
  openFailures: z.array(historyEntrySchema),
  /** Null when the connection has no schedule yet (not configured), or when Temporal could not be asked. */
  schedule: scheduleViewSchema.nullable(),
  /** Why the schedule could not be read (Temporal unreachable); status still answers with the rest. */
  scheduleProblem: z.string().nullable(),
  /** This connection's metered QuickBooks reads this month, beside the whole app's usage. */
  qboReads: z.object({ thisMonth: z.number(), app: qboReadUsageSchema }),
});
export type ConnectionStatusView = z.infer<typeof connectionStatusSchema>;

export const statusAnswerSchema = z.object({
  connections: z.array(connectionStatusSchema),
  /** The whole app's usage, with every connection's reads this month (removed connections' too: they still count). */
  qboReads: qboReadUsageSchema.extend({
    perConnection: z.array(z.object({ connectionId: z.string(), reads: z.number() })),
  }),
});
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
