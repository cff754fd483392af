import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FaultCounters } from './fault-counters.js';

export { FaultCounters } from './fault-counters.js';

export const faultSettingsSchema = z.object({
  /** Probability that an API request fails with one of `errorStatuses` before it is applied. */
  errorRate: z.number().min(0).max(1),
  errorStatuses: z.array(z.number().int().min(400).max(599)).min(1),
  /** Nominal delay added before every API request (scaled by the clock when one is given). */
  latencyMs: z.number().min(0),
  /** Probability that a committed write's response is replaced by a connection reset. */
  dropResponseAfterCommitRate: z.number().min(0).max(1),
  forceThrottle: z.boolean(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export function defaultFaultSettings(): FaultSettings {
  return {
    errorRate: 0,
    errorStatuses: [500, 502, 503],
    latencyMs: 0,
    dropResponseAfterCommitRate: 0,
    forceThrottle: false,
  };
}

export interface InstallFaultsOptions {
  settings: () => FaultSettings;
  rng: () => number;
  isApiRoute: (url: string) => boolean;
  throttleReply: (reply: FastifyReply) => unknown;
  errorReply: (status: number, reply: FastifyReply) => unknown;
  counters: FaultCounters;
  /** Waits a nominal delay; pass the emulator clock's sleep so latency follows the time scale. */
  sleep?: (nominalMs: number) => Promise<void>;
  /** Which requests change state; defaults to every method except GET/HEAD/OPTIONS. */
  isWrite?: (request: FastifyRequest) => boolean;
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Fault injection around API routes. Before the handler: latency, forced throttle, random error statuses
 * (the request is then NOT applied). After a successful write: optionally destroy the socket instead of
 * answering, so the client sees a connection reset although the write was committed.
 */
export function installFaults(app: FastifyInstance, opts: InstallFaultsOptions): void {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const isWrite = opts.isWrite ?? ((request: FastifyRequest) => !readOnlyMethods.has(request.method));

  app.addHook('onRequest', async (request, reply) => {
    if (!opts.isApiRoute(request.url)) return;
    const settings = opts.settings();
    if (settings.latencyMs > 0) {
      opts.counters.add('latency');
      await sleep(settings.latencyMs);
    }
    if (settings.forceThrottle) {
      opts.counters.add('forcedThrottle');
      opts.throttleReply(reply);
      return reply;
    }
    if (settings.errorRate > 0 && opts.rng() < settings.errorRate) {
      const statuses = settings.errorStatuses;
      const status = statuses[Math.floor(opts.rng() * statuses.length)] ?? 500;
      opts.counters.add(`http${status}`);
      opts.errorReply(status, reply);
      return reply;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!opts.isApiRoute(request.url) || !isWrite(request)) return payload;
    if (reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const rate = opts.settings().dropResponseAfterCommitRate;
    if (rate > 0 && opts.rng() < rate) {
      opts.counters.add('dropAfterCommit');
      request.raw.socket.destroy();
    }
    return payload;
  });
}
