import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { EmulatorClock } from '../common/clock.js';
import { type FaultCounters, installFaults } from '../common/faults.js';
import { errorEnvelope } from './http/envelope.js';
import { sendTooManyRequests } from './http/throttle.js';
import type { ZuperEmulatorSettings } from './settings.js';

/** Shared fault injection, answering in Zuper's envelopes. */
export function installZuperFaults(
  app: FastifyInstance,
  settings: () => ZuperEmulatorSettings,
  rng: () => number,
  clock: EmulatorClock,
  counters: FaultCounters,
  isApiRoute: (url: string) => boolean,
): void {
  installFaults(app, {
    settings: () => settings().faults,
    rng,
    isApiRoute,
    counters,
    sleep: (ms) => clock.sleep(ms),
    throttleReply: (reply) => sendTooManyRequests(reply, 1),
    errorReply: (status, reply) =>
      reply.code(status).send(errorEnvelope(STATUS_CODES[status] ?? 'Error', 'Something went wrong')),
  });
}
