import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QboEmulatorState } from './emulator.js';
import { sendAuthFailure, sendThrottle } from './replies.js';
import type { RealmStore } from './store.js';

export interface ApiCaller {
  store: RealmStore;
  clientId: string;
}

const apiPath = /^\/v3\/company\/([^/?#]+)/;

export function isApiRoute(url: string): boolean {
  return apiPath.test(url);
}

const authDetails = {
  missing: 'Authorization header missing',
  unknown: 'Token invalid',
  expired: 'Token expired',
  revoked: 'Token revoked',
};

/**
 * Runs before every accounting API request: bearer auth (401 3200), realm match (403 3100), then the rate limits
 * of the token's app for the company (429 3001). Admitted requests are released when their response closes.
 */
export function installApiGate(app: FastifyInstance, state: QboEmulatorState): (request: FastifyRequest) => ApiCaller {
  const callers = new WeakMap<FastifyRequest, ApiCaller>();
  app.addHook('onRequest', (request, reply, done) => {
    const realmId = apiPath.exec(request.url)?.[1];
    if (realmId === undefined) return done();
    const now = state.clock.now();
    const gateway = state.settings.auth.gatewayFaultFormat;
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const check = state.oauth.checkAccessToken(token);
    if (!check.ok) {
      void sendAuthFailure(reply, 'authentication', authDetails[check.reason], gateway, now);
      return;
    }
    const store = state.realms.get(realmId);
    if (check.realmId !== realmId || !store) {
      void sendAuthFailure(reply, 'authorization', '', gateway, now);
      return;
    }
    const key = `${realmId}|${check.clientId}`;
    const verdict = state.throttler.acquire(key, /^\/v3\/company\/[^/]+\/batch(\?|$)/.test(request.url));
    if (verdict !== 'ok') {
      state.throttleCounters.add(verdict);
      void sendThrottle(reply, state.settings.throttle, now);
      return;
    }
    reply.raw.once('close', () => state.throttler.release(key));
    callers.set(request, { store, clientId: check.clientId });
    done();
  });
  return (request) => {
    const caller = callers.get(request);
    if (!caller) throw new Error('API request without an authenticated caller');
    return caller;
  };
}
