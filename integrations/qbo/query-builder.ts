import type { QboEntityName } from './schemas/entities.js';

export type QboLiteral = string | number | boolean | Date;
export type QboOperator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface QboCondition {
  field: string;
  op: QboOperator;
  value: QboLiteral | readonly QboLiteral[];
}

/** A query statement plus the entity it selects, which decides how its rows are validated and typed. */
export interface QboQuery<E extends QboEntityName> {
  entity: E;
  sql: string;
}

export const qboMaxPageSize = 1000;

/** QBO date-times: ISO 8601 in UTC without milliseconds, e.g. 2025-09-01T07:00:00Z. */
export function formatQboDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Renders a literal; strings are single-quoted with backslash-escaped backslashes and apostrophes. */
export function quoteQboLiteral(value: QboLiteral): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot use ${value} in a QBO query`);
    return String(value);
  }
  const text = value instanceof Date ? formatQboDateTime(value) : value;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const fieldPattern = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$/;

function checkField(field: string): string {
  if (!fieldPattern.test(field)) throw new RangeError(`invalid QBO query field "${field}"`);
  return field;
}

export function where(field: string, op: QboOperator, value: QboLiteral | readonly QboLiteral[]): QboCondition {
  return { field, op, value };
}

/** Queries return only active name-list records unless asked for both. */
export const includeInactive: QboCondition = where('Active', 'IN', [true, false]);

function renderCondition({ field, op, value }: QboCondition): string {
  if (op === 'IN') {
    const values = Array.isArray(value) ? (value as readonly QboLiteral[]) : [value as QboLiteral];
    if (values.length === 0) throw new RangeError(`empty IN list for ${field}`);
    return `${checkField(field)} IN (${values.map(quoteQboLiteral).join(', ')})`;
  }
  if (Array.isArray(value)) throw new RangeError(`operator ${op} takes a single value for ${field}`);
  return `${checkField(field)} ${op} ${quoteQboLiteral(value as QboLiteral)}`;
}

function whereClause(conditions: readonly QboCondition[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.map(renderCondition).join(' AND ')}`;
}

export interface QboSelectOptions {
  where?: readonly QboCondition[];
  orderBy?: string;
  descending?: boolean;
  /** 1-based. */
  startPosition?: number;
  /** 1–1000. */
  maxResults?: number;
}

export function selectQuery<E extends QboEntityName>(entity: E, opts: QboSelectOptions = {}): QboQuery<E> {
  let sql = `SELECT * FROM ${entity}${whereClause(opts.where ?? [])}`;
  if (opts.orderBy !== undefined) sql += ` ORDERBY ${checkField(opts.orderBy)}${opts.descending ? ' DESC' : ''}`;
  if (opts.startPosition !== undefined) {
    if (!Number.isInteger(opts.startPosition) || opts.startPosition < 1) {
      throw new RangeError(`STARTPOSITION is 1-based, got ${opts.startPosition}`);
    }
    sql += ` STARTPOSITION ${opts.startPosition}`;
  }
  if (opts.maxResults !== undefined) {
    if (!Number.isInteger(opts.maxResults) || opts.maxResults < 1 || opts.maxResults > qboMaxPageSize) {
      throw new RangeError(`MAXRESULTS must be 1–${qboMaxPageSize}, got ${opts.maxResults}`);
    }
    sql += ` MAXRESULTS ${opts.maxResults}`;
  }
  return { entity, sql };
}

export function countQuery<E extends QboEntityName>(entity: E, conditions: readonly QboCondition[] = []): QboQuery<E> {
  return { entity, sql: `SELECT COUNT(*) FROM ${entity}${whereClause(conditions)}` };
}
