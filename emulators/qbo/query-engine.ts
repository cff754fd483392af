import { entityDef } from './entities.js';
import { faults } from './fault-shapes.js';
import type { Condition, ParsedQuery } from './query-parser.js';
import { comparable, compareComparable, likeMatcher, propertyAt, type Comparable } from './query-values.js';
import type { Entity, Json, RealmStore } from './store.js';

export const defaultMaxResults = 100;
export const maxMaxResults = 1000;

type Predicate = (record: Entity) => boolean;

function predicate(c: Condition): Predicate {
  if (c.op === 'LIKE') {
    const matches = likeMatcher(String(c.values[0]));
    return (r) => matches(propertyAt(r, c.field));
  }
  const literals = c.values.map(comparable);
  if (c.op === 'IN') {
    return (r) => {
      const v = comparable(propertyAt(r, c.field));
      return v !== undefined && literals.some((l) => compareComparable(v, l) === 0);
    };
  }
  const literal = literals[0];
  const test: (cmp: number) => boolean = {
    '=': (cmp: number) => cmp === 0,
    '<': (cmp: number) => cmp < 0,
    '>': (cmp: number) => cmp > 0,
    '<=': (cmp: number) => cmp <= 0,
    '>=': (cmp: number) => cmp >= 0,
  }[c.op];
  return (r) => {
    const v = comparable(propertyAt(r, c.field));
    return v !== undefined && test(compareComparable(v, literal));
  };
}

function validate(q: ParsedQuery, code: string, filterable: string[] | undefined): void {
  const allowed = filterable?.map((f) => f.toLowerCase());
  for (const c of q.where) {
    const field = c.field.toLowerCase();
    if (allowed && !allowed.includes(field))
      throw faults.queryValidation(code, `property '${c.field}' is not queryable`);
    if (field === 'id' && c.op !== '=' && c.op !== 'IN') {
      throw faults.queryValidation(code, `operator ${c.op} is not supported for property 'Id'`);
    }
  }
  if (q.maxResults !== undefined && q.maxResults > maxMaxResults) {
    throw faults.queryValidation(code, `value ${q.maxResults} is too large. Max allowed value is ${maxMaxResults}`);
  }
  if (q.maxResults === 0) throw faults.queryValidation(code, 'value 0 is too small. Min allowed value is 1');
}

/** Records worth scanning: direct lookups when the query pins Id with = or IN. */
function candidates(store: RealmStore, entity: string, where: Condition[]): Iterable<Entity> {
  const byId = where.find((c) => c.field.toLowerCase() === 'id' && (c.op === '=' || c.op === 'IN'));
  const table = store.table(entity);
  if (!byId) return table.values();
  const out: Entity[] = [];
  for (const id of new Set(byId.values.map(String))) {
    const record = table.get(id);
    if (record) out.push(record);
  }
  return out.sort((a, b) => Number(a.Id) - Number(b.Id));
}

/** Runs a parsed query against one realm and returns the `QueryResponse` object. */
export function runQuery(store: RealmStore, q: ParsedQuery, validationCode: string): Json {
  const def = entityDef(q.entity);
  if (!def) throw faults.queryValidation(validationCode, `entity ${q.entity} is not supported`);
  validate(q, validationCode, def.filterable);
  const where = [...q.where];
  // Name-list queries return only active records unless the query says otherwise.
  if (def.hasActive && !where.some((c) => c.field.toLowerCase() === 'active'))
    where.push({ field: 'Active', op: '=', values: [true] });
  const predicates = where.map(predicate);
  const rows: Entity[] = [];
  for (const record of candidates(store, def.name, q.where)) if (predicates.every((p) => p(record))) rows.push(record);
  if (q.count) return { totalCount: rows.length };

  let ordered = rows;
  if (q.orderBy.length > 0) {
    const keyed = rows.map((r) => ({
      r,
      keys: q.orderBy.map((o): Comparable | undefined => comparable(propertyAt(r, o.field))),
    }));
    keyed.sort((a, b) => {
      for (let i = 0; i < q.orderBy.length; i++) {
        const cmp = compareComparable(a.keys[i], b.keys[i]);
        if (cmp !== 0) return q.orderBy[i]?.desc ? -cmp : cmp;
      }
      return Number(a.r.Id) - Number(b.r.Id);
    });
    ordered = keyed.map((k) => k.r);
  }
  const start = Math.max(1, q.startPosition ?? 1);
  const page = ordered.slice(start - 1, start - 1 + (q.maxResults ?? defaultMaxResults));
  if (page.length === 0) return {};
  const projected = q.fields ? page.map((r) => project(r, q.fields ?? [])) : page;
  return { [def.name]: projected, startPosition: start, maxResults: page.length };
}

function project(record: Entity, fields: string[]): Json {
  const out: Json = {};
  for (const field of fields) {
    const lower = field.toLowerCase();
    const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
    if (key !== undefined) out[key] = record[key];
  }
  return out;
}
