import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ApiBudgets } from '../integrations/rate-limiter.js';

export interface ServiceEnvOptions {
  temporalAddress: string;
  taskQueue: string;
  /** PostgreSQL URL; absent: embedded in-memory PGlite (single process only). */
  databaseUrl?: string;
  httpPort: number;
  qboEmulatorUrl: string;
  /** How long an idle item quantity workflow waits for more work. */
  itemIdleTimeout?: string;
}

/** The service's environment variables for one benchmark, shared by the benchmark process and its worker children. */
export function serviceEnvVars(options: ServiceEnvOptions): Record<string, string> {
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: 'memory',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(options.httpPort),
    // One key for every process of the benchmark: tokens sealed by one are opened by the others, and the payload codec
    // of the client matches the workers'.
    SECRETS_KEY: randomBytes(32).toString('base64'),
    // Given, so nothing is written under DATA_DIR ("memory": the database stays in memory).
    OPERATOR_TOKEN: randomBytes(24).toString('base64url'),
    QBO_ENVIRONMENT: 'emulator',
    EMULATORS: 'on',
    QBO_EMULATOR_PORT: new URL(options.qboEmulatorUrl).port,
    RECONCILE_INTERVAL: '24h',
    ITEM_IDLE_TIMEOUT: options.itemIdleTimeout ?? '2m',
  };
}

/** Extra variables a worker child reads: the QBO emulator's URL and the API budgets it must keep to. */
export const childVarsSchema = z.object({
  BENCH_QBO_URL: z.url(),
  BENCH_API_BUDGETS: z.string().transform((text, ctx) => {
    const parsed = z
      .object({
        qboRequestsPerMinute: z.number(),
        qboBatchesPerMinute: z.number(),
        zuperRequestsPerMinute: z.number(),
        apiMinuteMs: z.number().positive().optional(),
      })
      .safeParse(JSON.parse(text));
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'BENCH_API_BUDGETS must hold the three per-minute budgets' });
      return z.NEVER;
    }
    return parsed.data satisfies ApiBudgets;
  }),
});

export const childVars = (qboEmulatorUrl: string, budgets: ApiBudgets) => ({
  BENCH_QBO_URL: qboEmulatorUrl,
  BENCH_API_BUDGETS: JSON.stringify(budgets),
});
