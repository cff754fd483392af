import got, { type Response } from 'got';
import type { z } from 'zod';
import { routeTemplate, traceOutboundCall } from '../../observability/outbound-span.js';
import type { QboConfig } from './config.js';
import { qboErrorFromResponse, qboNetworkError } from './error-from-response.js';
import { QboSchemaError, type QboApiError } from './errors.js';
import { parseQboResponse } from './schema-parse.js';
import type { QboAccessTokenSource } from './token-provider.js';

export interface QboHooks {
  /** Awaited before every HTTP attempt (the place for a rate limiter shared across workers). */
  beforeRequest?(info: { realmId: string; kind: 'request' | 'batch' }): Promise<void>;
  /** Called once per HTTP attempt that passed beforeRequest; status 0 means no response (network failure). */
  afterResponse?(info: {
    realmId: string;
    method: QboCall['method'];
    kind: 'request' | 'batch';
    status: number;
    /**
     * Metered reads ("CorePlus" calls) this attempt cost: the call's `meteredReads` when QBO answered, whatever the
     * status (counting an answered error too errs on the side of the app's allowance); 0 without an answer.
     */
    meteredReads: number;
    throttled: boolean;
    durationMs: number;
    intuitTid?: string;
  }): void;
}

export interface QboCall {
  method: 'GET' | 'POST';
  /** Below /v3/company/{realmId}/, e.g. "item/19". */
  path: string;
  searchParams?: Record<string, string>;
  json?: unknown;
  /** Sent as `requestid` so QBO answers a retried write with the original response instead of applying it twice. */
  requestId?: string;
  kind?: 'request' | 'batch';
  /**
   * Metered reads one attempt costs (QBO meters reads and queries per app per month, not writes). Default: 1 for a
   * GET (read by id, query, CDC, report), 0 for a POST (writes); a batch states how many queries it carries.
   */
  meteredReads?: number;
}

/** The metered reads one attempt of `call` costs. */
export const meteredReadsOf = (call: QboCall): number => call.meteredReads ?? (call.method === 'GET' ? 1 : 0);

export interface QboTransport {
  readonly realmId: string;
  /** Sends a call and validates the JSON body; throws QboApiError / QboSchemaError. */
  send<S extends z.ZodType>(call: QboCall, schema: S): Promise<z.output<S>>;
}

export interface QboTransportOptions {
  config: Pick<QboConfig, 'apiBaseUrl' | 'minorVersion' | 'requestTimeoutMs'>;
  realmId: string;
  tokens: QboAccessTokenSource;
  hooks?: QboHooks;
  now?: () => Date;
}

function describe(call: QboCall): string {
  const query = call.searchParams?.query;
  return `${call.method} ${call.path}${query === undefined ? '' : ` [${query}]`}`;
}

/** Percent-encodes every value (spaces as %20, never `+`), as Intuit's docs ask for the query statement. */
function queryString(call: QboCall, minorVersion: number): string {
  const params: Record<string, string> = { ...call.searchParams, minorversion: String(minorVersion) };
  if (call.requestId !== undefined) params.requestid = call.requestId;
  return `?${Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')}`;
}

function header(response: Response, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * HTTP to the QBO accounting API with got. No automatic retries (Temporal retries activities), except one retry
 * after a 401 with a force-refreshed token.
 */
export function createQboTransport(opts: QboTransportOptions): QboTransport {
  const { config, realmId, hooks } = opts;
  if (!/^[A-Za-z0-9]+$/.test(realmId)) throw new RangeError(`invalid QBO realmId "${realmId}"`);
  const now = opts.now ?? (() => new Date());
  const base = `${config.apiBaseUrl}/v3/company/${realmId}/`;

  async function attempt(call: QboCall, accessToken: string): Promise<{ body: unknown } | { error: QboApiError }> {
    const operation = describe(call);
    const kind = call.kind ?? 'request';
    await hooks?.beforeRequest?.({ realmId, kind });
    const started = performance.now();
    let response: Response<string>;
    try {
      const url = base + call.path + queryString(call, config.minorVersion);
      const route = routeTemplate(call.path);
      response = await traceOutboundCall({ system: 'qbo', method: call.method, url, route }, () =>
        got(url, {
          method: call.method,
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
          ...(call.json === undefined ? {} : { json: call.json }),
          responseType: 'text',
          throwHttpErrors: false,
          retry: { limit: 0 },
          timeout: { request: config.requestTimeoutMs },
        }),
      );
    } catch (err) {
      hooks?.afterResponse?.({
        realmId,
        method: call.method,
        kind,
        status: 0,
        meteredReads: 0,
        throttled: false,
        durationMs: performance.now() - started,
      });
      return { error: qboNetworkError(operation, err) };
    }
    const intuitTid = header(response, 'intuit_tid') ?? header(response, 'intuit-tid');
    const error = qboErrorFromResponse({
      operation,
      httpStatus: response.statusCode,
      body: response.body,
      intuitTid,
      retryAfter: header(response, 'retry-after'),
      now: now(),
    });
    hooks?.afterResponse?.({
      realmId,
      method: call.method,
      kind,
      status: response.statusCode,
      meteredReads: meteredReadsOf(call),
      throttled: error?.kind === 'throttled',
      durationMs: performance.now() - started,
      ...(intuitTid === undefined ? {} : { intuitTid }),
    });
    if (error) return { error };
    try {
      return { body: JSON.parse(response.body) as unknown };
    } catch {
      throw new QboSchemaError(
        operation,
        '',
        `body is not JSON (${response.headers['content-type'] ?? 'no content type'})`,
      );
    }
  }

  return {
    realmId,
    async send(call, schema) {
      const token = await opts.tokens.getAccessToken();
      let result = await attempt(call, token);
      if ('error' in result && result.error.kind === 'auth') {
        result = await attempt(call, await opts.tokens.forceRefresh(token));
      }
      if ('error' in result) throw result.error;
      return parseQboResponse(schema, result.body, describe(call));
    },
  };
}
