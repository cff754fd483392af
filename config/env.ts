import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const heapGrowingPercent = "a whole number of per cent from 0 to 300 (0: V8's own heap growth)";
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 500ms, 30s, 15m or 1h');

/** `IPv4:port` or `[IPv6]:port`, port 1 to 65535. */
function isIpAndPort(value: string): boolean {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const [, v6, v4, port] = match;
  const ipOk = v6 !== undefined ? isIP(v6) === 6 : isIP(v4 ?? '') === 4;
  return ipOk && Number(port) >= 1 && Number(port) <= 65535;
}

/** Every environment variable the service reads, with its default. Documented in .env.example. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  /** `npm start` runs a Temporal dev server at a local TEMPORAL_ADDRESS (on), or uses the one already there (off). */
  TEMPORAL_DEV_SERVER: z.enum(['on', 'off']).default('on'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('inventory-sync'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  /**
   * Where a process that runs a worker serves the Temporal SDK's own worker metrics for Prometheus (`/metrics`), as
   * IP:port; unset, they are not exported. An IP, not a host name: the SDK's native exporter binds it as given.
   */
  TEMPORAL_METRICS_ADDRESS: z
    .string()
    .refine(isIpAndPort, 'an IP address and port, such as 0.0.0.0:9464, 127.0.0.1:9464 or [::]:9464')
    .optional(),
  TEMPORAL_UI_PORT: port.default(8233),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  SECRETS_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'base64 of exactly 32 random bytes (openssl rand -base64 32)',
    )
    .optional(),
  SECRETS_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -')
    .default('k1'),
  SECRETS_PREVIOUS_KEYS: z
    .string()
    .regex(
      /^([A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)*$/,
      'id:base64key,id:base64key',
    )
    .optional(),
  /** Bearer token for the operator API the CLI uses; generated into the data folder in development. */
  OPERATOR_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  /** Sign-in of the web console (/console); both required in production, where the console is off without them. */
  CONSOLE_USERNAME: z.string().min(1).max(100).optional(),
  CONSOLE_PASSWORD: z.string().min(12, 'at least 12 characters').max(200).optional(),
  /** Bearer token that opens only the codec endpoint (for the Temporal UI); the operator token opens it too. */
  CODEC_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  /** Browser origins (comma-separated) allowed to call the codec endpoint: where the Temporal UI is served. */
  CODEC_ALLOWED_ORIGINS: z
    .string()
    .regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'origins such as http://localhost:8080,https://ui.example.com')
    .optional(),
  /** Bearer token that opens only /metrics (for Prometheus); the operator token opens it too. */
  METRICS_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  QBO_ENVIRONMENT: z.enum(['production', 'sandbox', 'emulator']).default('emulator'),
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_WEBHOOK_VERIFIER_TOKEN: z.string().min(1).optional(),
  ZUPER_ACCOUNTS_URL: z.url().default('https://accounts.zuperpro.com'),
  /** `external`: attach to emulators already running apart (`npm run emulators`) instead of starting them. */
  EMULATORS: z.enum(['auto', 'on', 'off', 'external']).default('auto'),
  /**
   * The accounting system of the `npm start` demo beside Zuper: the QuickBooks Online emulator, or the QuickBooks
   * Desktop emulator with its Web Connector polling the service (demo/qbd-demo.ts).
   */
  DEMO_ACCOUNTING: z
    .enum(['qbo', 'qbd'], { message: 'qbo (QuickBooks Online, the default) or qbd (QuickBooks Desktop)' })
    .default('qbo'),
  QBO_EMULATOR_PORT: port.default(8701),
  ZUPER_EMULATOR_PORT: port.default(8702),
  /** Where external emulators answer; default http://127.0.0.1 on their ports. */
  QBO_EMULATOR_URL: z.url().optional(),
  ZUPER_EMULATOR_URL: z.url().optional(),
  /** The Zuper plan's API limit (200 to 700 requests per minute); the service keeps a little under it. */
  ZUPER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(60).max(10_000).default(200),
  /**
   * QuickBooks reads and queries the whole app may make per calendar month (Intuit meters them per app; the Builder
   * tier allows 500,000, then blocks the app until the next month). Status warns at 80 %; polling stretches at 100 %.
   */
  QBO_MONTHLY_READ_ALLOWANCE: z.coerce.number().int().min(1).default(500_000),
  /**
   * Records per page of the QuickBooks Desktop quantity watch's change reads (items, and transactions of each type);
   * unset: 1,000 items and 500 transactions. A smaller page makes a long absence's catch-up continue iterators.
   */
  QBD_CHANGE_READ_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
  /**
   * Workflows a worker keeps in memory between their tasks (about 0.3 MB each); one evicted replays its history when
   * it next runs. Unset: 250 (worker/create-worker.ts, docs/big-company.md).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
  /**
   * How far a worker's heap may grow past what its last full collection kept before the next one, in per cent; 0
   * leaves V8's own factor (up to 300 %). Lower keeps the worker's memory closer to what it holds, at the cost of more
   * collections (worker/heap-growth.ts, docs/big-company.md).
   */
  WORKER_HEAP_GROWING_PERCENT: z.coerce
    .number(heapGrowingPercent)
    .int(heapGrowingPercent)
    .min(0, heapGrowingPercent)
    .max(300, heapGrowingPercent)
    .default(30),
  RECONCILE_INTERVAL: duration.default('15m'),
  ITEM_IDLE_TIMEOUT: duration.default('2m'),
  /**
   * Base URL of an OTLP/HTTP trace collector (e.g. http://127.0.0.1:4318; spans go to its /v1/traces). Tracing is off
   * without it: no OpenTelemetry SDK is started (docs/observability.md).
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The `service.name` exported spans carry. */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('qbo-zuper-sync'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const requiredInProduction = {
  SECRETS_KEY: 'a key in production (openssl rand -base64 32)',
  OPERATOR_TOKEN: 'a token in production (openssl rand -base64 32)',
} as const;

/** Parses the environment; anything wrong throws one ConfigError naming every bad or missing variable, one a line. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  const lines = (parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: expected ${issue.message}`);
  if (present.NODE_ENV === 'production') {
    for (const [name, expected] of Object.entries(requiredInProduction)) {
      if (present[name] === undefined) lines.push(`${name}: expected ${expected}`);
    }
  }
  if (!parsed.success || lines.length > 0) throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  return parsed.data;
}

/** For a process's entry point: the environment, or every problem on stderr (no stack trace) and exit code 2. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** True when no real QBO credentials are configured, so the bundled emulators stand in for both systems. */
export function usesEmulators(env: Env): boolean {
  if (env.EMULATORS !== 'auto') return env.EMULATORS !== 'off';
  return env.QBO_ENVIRONMENT === 'emulator' || !env.QBO_CLIENT_ID;
}

/** The emulators' base URLs (no trailing slash): where `npm start` runs them, or where external ones answer. */
export function emulatorUrls(env: Env): { qbo: string; zuper: string } {
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    qbo: trim(env.QBO_EMULATOR_URL ?? `http://127.0.0.1:${env.QBO_EMULATOR_PORT}`),
    zuper: trim(env.ZUPER_EMULATOR_URL ?? `http://127.0.0.1:${env.ZUPER_EMULATOR_PORT}`),
  };
}
