import type { FastifyRequest } from 'fastify';
import { badRequest } from './envelope.js';

export type Query = Record<string, string | undefined>;

/** The query string as single strings (a repeated key keeps its first value). */
export function queryOf(request: FastifyRequest): Query {
  const raw = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  const out: Query = {};
  for (const [key, value] of Object.entries(raw)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** `"true"`/`"false"` query values; undefined when absent or empty. */
export function queryBoolean(query: Query, key: string): boolean | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badRequest(`Invalid value for ${key}`);
}

/** A date query value as epoch ms; undefined when absent or empty. */
export function queryDateMs(query: Query, key: string): number | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest(`Invalid date for ${key}`);
  return ms;
}

/** Inclusive [from, to] epoch-ms check; open ends when undefined. */
export function withinRange(ms: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || ms >= from) && (to === undefined || ms <= to);
}
