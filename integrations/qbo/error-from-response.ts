import { classifyQboError } from './error-kind.js';
import { explainQboError } from './error-explanations.js';
import { QboApiError } from './errors.js';
import { parseFaultBody, type ParsedFault } from './fault-body.js';

/** Intuit advises waiting a minute after a throttle; no Retry-After header has been seen in the wild. */
export const defaultThrottleDelayMs = 60_000;

export interface QboResponseFacts {
  /** e.g. "POST item"; names the call in error messages. */
  operation: string;
  httpStatus: number;
  body: string;
  intuitTid?: string;
  /** Raw Retry-After header, if any. */
  retryAfter?: string;
  now: Date;
}

/** Builds the typed error for a fault (from a whole response or from one batch item). */
export function qboErrorFromFault(
  fault: ParsedFault | undefined,
  facts: Pick<QboResponseFacts, 'operation' | 'intuitTid' | 'retryAfter' | 'now'> & { httpStatus?: number },
): QboApiError {
  const first = fault?.errors[0];
  const { kind, retryable } = classifyQboError({ httpStatus: facts.httpStatus, code: first?.code });
  const retryAfterMs = kind === 'throttled' ? parseRetryAfter(facts.retryAfter, facts.now) : undefined;
  return new QboApiError({
    kind,
    retryable,
    httpStatus: facts.httpStatus,
    code: first?.code,
    message: first?.message || `HTTP ${facts.httpStatus ?? 'error'} from QuickBooks on ${facts.operation}`,
    detail: first?.detail,
    element: first?.element,
    faultType: fault?.type,
    intuitTid: facts.intuitTid,
    retryAfterMs,
    errors: fault?.errors ?? [],
    operation: facts.operation,
    ...explainQboError(kind, first?.code),
  });
}

/** The error a response represents (HTTP ≥ 400, or a 200 carrying a top-level Fault), or undefined on success. */
export function qboErrorFromResponse(facts: QboResponseFacts): QboApiError | undefined {
  const fault = parseFaultBody(facts.body);
  const failed = facts.httpStatus >= 400 || (fault !== undefined && fault.dialect !== 'oauth');
  return failed ? qboErrorFromFault(fault, facts) : undefined;
}

/** A request that got no HTTP response: timeout, reset, refused. The write may have landed. */
export function qboNetworkError(operation: string, cause: unknown): QboApiError {
  const reason = cause instanceof Error ? ((cause as { code?: string }).code ?? cause.message) : String(cause);
  return new QboApiError({
    kind: 'network',
    retryable: true,
    message: `No response from QuickBooks on ${operation} (${reason})`,
    errors: [],
    operation,
    ...explainQboError('network'),
  });
}

/** Retry-After in seconds or as an HTTP date; falls back to Intuit's advice. */
export function parseRetryAfter(header: string | undefined, now: Date): number {
  if (header === undefined || header.trim() === '') return defaultThrottleDelayMs;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? defaultThrottleDelayMs : Math.max(0, at - now.getTime());
}
