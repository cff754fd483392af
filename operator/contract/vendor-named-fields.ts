import { z } from 'zod';
import { qbdConnectorStateSchema } from '../../integrations/system-contracts.js';

/**
 * The operator API's request and answer fields that are named after a system, kept under their names for the clients
 * that read or send them. This is the one module of `operator/` that names a system (test/scripts/names-no-system.test.ts);
 * each field here says what replaces it, or why it stays one system's.
 */

/** Older fields of a connection summary, from before sides: `sides` replaces them. */
export const olderConnectionFields = {
  qboConnected: z.boolean(),
  qboRealmId: z.string().nullable(),
  zuperConnected: z.boolean(),
  zuperCompany: z.string().nullable(),
};

/**
 * Older shape of the accounting side's credentials (QuickBooks Online's tokens), kept in `qbo` for existing clients;
 * `credentials.accounting` replaces it.
 */
export const tokenHealthSchema = z.object({
  level: z.enum(['not-connected', 'ok', 'warning', 'critical', 'expired']),
  realmId: z.string().nullable(),
  accessTokenExpiresAt: z.string().nullable(),
  refreshTokenExpiresAt: z.string().nullable(),
  refreshTokenDaysLeft: z.number().nullable(),
  message: z.string(),
});
export type TokenHealth = z.infer<typeof tokenHealthSchema>;

/**
 * The whole app's metered reads this calendar month (UTC) against its monthly allowance: QuickBooks Online's, the one
 * system that meters reads (ADR 0015), hence `qboReads`.
 */
export const meteredReadUsageSchema = z.object({
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
export type MeteredReadUsageView = z.infer<typeof meteredReadUsageSchema>;

const connectionReadsSchema = z.object({ thisMonth: z.number(), app: meteredReadUsageSchema });
const connectorStateSchema = qbdConnectorStateSchema.nullable();

/** The fields of one connection's status named after a system. */
export const vendorNamedStatusFields = {
  /** Older: the accounting side's credentials (`credentials.accounting`). */
  qbo: tokenHealthSchema,
  /** Older: the Zuper account (`credentials.field`). */
  zuper: z.object({ connected: z.boolean(), company: z.string().nullable(), apiUrl: z.string().nullable() }),
  /**
   * The connector of a system that calls the service with an issued login (QuickBooks Desktop's Web Connector), on a
   * connection that has one or holds its login; else null.
   */
  qbd: connectorStateSchema,
  /** This connection's metered reads this month, beside the whole app's usage. */
  qboReads: connectionReadsSchema,
};

/** The whole app's usage, with every connection's reads this month (removed connections' too: they still count). */
export const appReadsSchema = meteredReadUsageSchema.extend({
  perConnection: z.array(z.object({ connectionId: z.string(), reads: z.number() })),
});

/** The fields of the status of every connection named after a system. */
export const vendorNamedStatusAnswerFields = { qboReads: appReadsSchema };

/** One connection's status fields named after a system, from the connector's state and the connection's reads. */
export const vendorNamedStatus = (
  older: Pick<z.infer<z.ZodObject<typeof vendorNamedStatusFields>>, 'qbo' | 'zuper'>,
  connector: z.infer<typeof connectorStateSchema>,
  reads: z.infer<typeof connectionReadsSchema>,
) => ({ ...older, qbd: connector, qboReads: reads });

/** The same for every connection's status. */
export const vendorNamedStatusAnswer = (reads: z.infer<typeof appReadsSchema>) => ({ qboReads: reads });

/** The field item's older name in a link request's body, which clients before the side-neutral API send. */
export const olderFieldItemIdName = 'zuperProductUid';

/** Words the product master took on every connection before it named sides (each naming a system's side). */
export const olderMasterWords = ['qbo', 'zuper'] as const;
