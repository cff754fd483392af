import { startQboEmulator, type RunningQboEmulator } from '../emulators/qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from '../emulators/zuper/index.js';
import { emulatorQboApp } from '../integrations/qbo/app-config.js';

/** The key the QBO emulator signs webhooks with and the intake checks them against. */
export const BENCH_QBO_VERIFIER = 'qzsync-bench-verifier-token';

/** Intuit's per-realm limit on the QBO API. */
export const QBO_REQUESTS_PER_MINUTE = 500;
export const QBO_BATCHES_PER_MINUTE = 40;

export interface EmulatorLimits {
  timeScale: number;
  zuperPlanPerMinute: number;
  /** Intuit's limit unless a benchmark lowers it. */
  qboRequestsPerMinute?: number;
}

export interface BenchEmulators {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  timeScale: number;
  zuperPlanPerMinute: number;
  qboRequestsPerMinute: number;
  /** Points the QBO app's webhooks at the service's intake (CloudEvents, signed). */
  sendQboWebhooksTo(url: string): void;
  /** Turns both emulators' rate limits off (seeding) or back on (measuring). */
  setRateLimits(enabled: boolean): void;
  close(): Promise<void>;
}

/**
 * Both emulators on loopback with QBO's real limits (500 requests and 40 batches per minute per realm, 10 in flight;
 * the request limit can be lowered) and the given Zuper plan limit. `timeScale` > 1 shrinks every rate window.
 */
export async function startBenchEmulators(options: EmulatorLimits): Promise<BenchEmulators> {
  const qboRequestsPerMinute = options.qboRequestsPerMinute ?? QBO_REQUESTS_PER_MINUTE;
  const qbo = await startQboEmulator({
    timeScale: options.timeScale,
    seed: 11,
    settings: { throttle: { requestsPerMinute: qboRequestsPerMinute, batchesPerMinute: QBO_BATCHES_PER_MINUTE } },
  });
  const zuper = await startZuperEmulator({
    timeScale: options.timeScale,
    seed: 11,
    settings: { companyDefaults: { rate_limit_per_minute: options.zuperPlanPerMinute } },
  });
  const app = { ...emulatorQboApp, redirectUris: ['http://127.0.0.1/oauth/qbo/callback'] };
  qbo.admin.registerApp(app);
  return {
    qbo,
    zuper,
    timeScale: options.timeScale,
    zuperPlanPerMinute: options.zuperPlanPerMinute,
    qboRequestsPerMinute,
    sendQboWebhooksTo(url) {
      qbo.admin.registerApp({
        ...app,
        webhookUrl: url,
        verifierToken: BENCH_QBO_VERIFIER,
        webhookFormat: 'cloudevents',
      });
    },
    setRateLimits(enabled) {
      qbo.admin.updateSettings({ throttle: { enabled } });
      zuper.admin.updateSettings({ rateLimit: { enabled } });
    },
    async close() {
      await qbo.close();
      await zuper.close();
    },
  };
}
