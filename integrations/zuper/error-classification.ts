import { z } from 'zod';
import { ZuperApiError, type ZuperErrorKind } from './errors.js';

const errorBodySchema = z.object({ title: z.string().optional(), message: z.string().optional() });

// Refused connections and unknown hosts never reached Zuper, so no write can have landed.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export interface HttpFailure {
  method: string;
  path: string;
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** Maps a non-2xx answer (or a 2xx carrying `type:"error"`) to a typed error. */
export function classifyHttpFailure(failure: HttpFailure): ZuperApiError {
  const parsed = errorBodySchema.safeParse(failure.body);
  const title = (parsed.success ? parsed.data.title : undefined) ?? '';
  const routeMissing = typeof failure.body === 'string' ? /Cannot [A-Z]+ \S+/.exec(failure.body)?.[0] : undefined;
  const message =
    (parsed.success ? (parsed.data.message ?? parsed.data.title) : undefined) ||
    routeMissing ||
    (typeof failure.body === 'string' && failure.body.length < 300 ? failure.body : '') ||
    `HTTP ${failure.status}`;
  const kind = kindOf(failure.status, `${title} ${message}`);
  const retryAfterMs = kind === 'throttled' ? parseRetryAfterMs(header(failure.headers, 'retry-after')) : undefined;
  return new ZuperApiError({
    kind,
    httpStatus: failure.status,
    title,
    message,
    endpoint: `${failure.method} ${failure.path}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    writeMayHaveLanded: kind === 'server' && failure.method !== 'GET',
    ...(routeMissing === undefined ? {} : { routeMissing: true }),
  });
}

/** Maps a failure with no HTTP answer (timeout, reset, refused) to a typed error. */
export function classifyNetworkFailure(method: string, path: string, error: unknown): ZuperApiError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  const detail = error instanceof Error ? error.message : String(error);
  return new ZuperApiError({
    kind: 'network',
    title: code,
    message: detail,
    endpoint: `${method} ${path}`,
    writeMayHaveLanded: method !== 'GET' && !NEVER_SENT_CODES.has(code),
  });
}

/**
 * Zuper names an unknown or deleted record "Invalid <Entity> UID" with a status nobody recorded (400 or 404): that
 * is not-found whatever the status.
 */
function kindOf(status: number, text: string): ZuperErrorKind {
  if (status < 500 && /\bInvalid \w+ UID\b/i.test(text)) return 'not-found';
  return kindForStatus(status);
}

export function kindForStatus(status: number): ZuperErrorKind {
  if (status === 429) return 'throttled';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'network';
  if (status >= 500) return 'server';
  return 'validation';
}

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfterMs(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function header(headers: HttpFailure['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
