import got, { type Headers } from 'got';
import type { z } from 'zod';
import { routeTemplate, traceOutboundCall } from '../../observability/outbound-span.js';
import type { ZuperHooks } from './config.js';
import { classifyHttpFailure, classifyNetworkFailure, header } from './error-classification.js';
import { validateResponse } from './validate-response.js';

export type QueryValue = string | number | boolean | undefined;

export interface ZuperRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface ZuperTransport {
  /** Sends a request and validates a 2xx body; every failure is a ZuperApiError or ZuperSchemaError. */
  call<T extends z.ZodType>(schema: T, request: ZuperRequest): Promise<z.output<T>>;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  hooks?: ZuperHooks;
}

/** One HTTP exchange per call: no retries here, Temporal owns retrying. */
export function createZuperTransport(options: TransportOptions): ZuperTransport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const headers: Headers = { accept: 'application/json' };
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;

  return {
    async call(schema, request) {
      const endpoint = `${request.method} ${request.path}`;
      await options.hooks?.beforeRequest?.({ kind: 'request' });
      const started = performance.now();
      let response;
      try {
        const url = baseUrl + request.path;
        const route = routeTemplate(request.path);
        response = await traceOutboundCall({ system: 'zuper', method: request.method, url, route }, () =>
          got(url, {
            method: request.method,
            headers,
            searchParams: definedEntries(request.query),
            ...(request.body === undefined ? {} : { json: request.body }),
            timeout: { request: options.timeoutMs },
            retry: { limit: 0 },
            throwHttpErrors: false,
            followRedirect: false,
            responseType: 'text',
          }),
        );
      } catch (error) {
        throw classifyNetworkFailure(request.method, request.path, error);
      }
      const remaining = Number(header(response.headers, 'x-rate-limit-remaining') ?? Number.NaN);
      options.hooks?.afterResponse?.({
        method: request.method,
        status: response.statusCode,
        throttled: response.statusCode === 429,
        durationMs: performance.now() - started,
        ...(Number.isFinite(remaining) ? { rateLimitRemaining: remaining } : {}),
      });
      const body = parseBody(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      if (!ok || isErrorEnvelope(body)) {
        throw classifyHttpFailure({ ...request, status: response.statusCode, headers: response.headers, body });
      }
      return validateResponse(schema, body, endpoint);
    },
  };
}

function definedEntries(query: Record<string, QueryValue> | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isErrorEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'type' in body && body.type === 'error';
}
