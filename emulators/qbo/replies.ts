import type { FastifyReply } from 'fastify';
import {
  faultResponse,
  gatewayAuthFault,
  authFault,
  throttleFault,
  throttleXml,
  type QboFault,
} from './fault-shapes.js';
import type { QboEmulatorSettings } from './settings.js';
import { qboTimestamp } from './time-format.js';

export const jsonContentType = 'application/json;charset=UTF-8';

export function sendJson(reply: FastifyReply, status: number, body: string | object): FastifyReply {
  return reply
    .code(status)
    .header('content-type', jsonContentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

export function faultBody(fault: QboFault, now: Date): string {
  return JSON.stringify(faultResponse(fault.fault, qboTimestamp(now)));
}

export function sendFault(reply: FastifyReply, fault: QboFault, now: Date): FastifyReply {
  return sendJson(reply, fault.status, faultBody(fault, now));
}

/** 429 with the 3001 ThrottleExceeded fault (JSON or XML), with Retry-After only when configured. */
export function sendThrottle(reply: FastifyReply, settings: QboEmulatorSettings['throttle'], now: Date): FastifyReply {
  if (settings.retryAfterSeconds !== null) reply.header('retry-after', String(settings.retryAfterSeconds));
  if (settings.bodyFormat === 'xml') {
    return reply
      .code(429)
      .header('content-type', 'application/xml;charset=UTF-8')
      .send(throttleXml(qboTimestamp(now)));
  }
  return sendJson(reply, 429, { Fault: throttleFault(), time: qboTimestamp(now) });
}

/** 401 (code 3200) or 403 (code 3100), standard or lowercase gateway shape. */
export function sendAuthFailure(
  reply: FastifyReply,
  kind: 'authentication' | 'authorization',
  detail: string,
  gateway: boolean,
  now: Date,
): FastifyReply {
  const status = kind === 'authentication' ? 401 : 403;
  // A recorded sandbox 401 carries this RFC 6750 challenge whatever the body shape.
  if (kind === 'authentication') reply.header('www-authenticate', 'Bearer realm="Intuit", error="invalid_token"');
  if (gateway) return sendJson(reply, status, gatewayAuthFault(kind, detail, now.getTime()));
  return sendJson(reply, status, { Fault: authFault(kind, detail), time: qboTimestamp(now) });
}
