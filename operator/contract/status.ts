import { z } from 'zod';
import { connectionSettingsSchema } from '../../domain/connection-settings.js';
import { connectionSummarySchema } from './connection.js';
import { historyEntrySchema } from './history.js';
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

export const connectionStatusSchema = connectionSummarySchema.extend({
  settings: connectionSettingsSchema.nullable(),
  qbo: tokenHealthSchema,
  zuper: z.object({ connected: z.boolean(), company: z.string().nullable(), apiUrl: z.string().nullable() }),
  links: z.object({ total: z.number(), quantityTracked: z.number(), pendingSettles: z.number() }),
  lastReconciliation: historyEntrySchema.nullable(),
  openFailures: z.array(historyEntrySchema),
  /** Null when the connection has no schedule yet (not configured), or when Temporal could not be asked. */
  schedule: scheduleViewSchema.nullable(),
  /** Why the schedule could not be read (Temporal unreachable); status still answers with the rest. */
  scheduleProblem: z.string().nullable(),
});
export type ConnectionStatusView = z.infer<typeof connectionStatusSchema>;

export const statusAnswerSchema = z.object({ connections: z.array(connectionStatusSchema) });
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
