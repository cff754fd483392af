import type { FastifyInstance } from 'fastify';
import type { EmulatorClock } from '../common/clock.js';
import { companyOf } from './auth.js';
import { sendTooManyRequests } from './http/throttle.js';
import type { ZuperEmulatorSettings } from './settings.js';

export interface RateWindow {
  startMs: number;
  count: number;
}

export interface RateDecision {
  window: RateWindow;
  allowed: boolean;
  remaining: number;
  resetInMs: number;
}

/** Fixed-window counting: `limit` requests per `windowMs`, the window starting at its first request. */
export function takeRequest(
  window: RateWindow | undefined,
  nowMs: number,
  limit: number,
  windowMs: number,
): RateDecision {
  const current = window && nowMs - window.startMs < windowMs ? window : { startMs: nowMs, count: 0 };
  const allowed = current.count < limit;
  const next = allowed ? { startMs: current.startMs, count: current.count + 1 } : current;
  return {
    window: next,
    allowed,
    remaining: Math.max(0, limit - next.count),
    resetInMs: current.startMs + windowMs - nowMs,
  };
}

/** Per-company request windows, measured on the clock's nominal time so they shrink with the time scale. */
export class RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(private readonly clock: EmulatorClock) {}

  take(companyUid: string, limit: number, windowMs: number): RateDecision {
    const decision = takeRequest(this.windows.get(companyUid), this.clock.nominalElapsedMs(), limit, windowMs);
    this.windows.set(companyUid, decision.window);
    return decision;
  }

  reset(): void {
    this.windows.clear();
  }
}

/**
 * Plan limit per company with Zuper's headers. Retry-After is in real seconds (the nominal wait divided by the
 * time scale, rounded up, at least 1) so a client honouring it stays fast under a scaled clock.
 */
export function installRateLimit(
  app: FastifyInstance,
  limiter: RateLimiter,
  clock: EmulatorClock,
  settings: () => ZuperEmulatorSettings,
  isApiRoute: (url: string) => boolean,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const config = settings().rateLimit;
    if (!config.enabled || !isApiRoute(request.url)) return;
    const company = companyOf(request);
    const limit = company.settings.rate_limit_per_minute;
    const decision = limiter.take(company.identity.company_uid, limit, config.windowMs);
    reply.header('X-Rate-Limit', String(limit)).header('X-Rate-Limit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      return sendTooManyRequests(reply, Math.max(1, Math.ceil(clock.scaled(decision.resetInMs) / 1000)));
    }
  });
}
