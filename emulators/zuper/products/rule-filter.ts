import { z } from 'zod';
import { badRequest } from '../http/envelope.js';
import type { ProductRecord } from '../store/types.js';
import { type FilterField, productFilterFields } from './filter-fields.js';
import { keywordPredicate, lowStockPredicate, type ProductPredicate } from './product-predicates.js';

export const ruleOperators = [
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'CONTAINS',
  'NOT_CONTAINS',
  'GREATER_THAN',
  'LESS_THAN',
  'BETWEEN',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
] as const;
type Operator = (typeof ruleOperators)[number];

export const filterRuleSchema = z.object({
  key: z.string().min(1),
  operator: z.enum(ruleOperators),
  value: z.unknown().optional(),
  type: z.enum(['default_field', 'nested_field', 'custom_field']),
  module: z.string().optional(),
});
type FilterRule = z.infer<typeof filterRuleSchema>;

const fieldsByKey = new Map(productFilterFields.map((field) => [field.fieldDataKey, field]));
const invalidRule = 'Invalid Filter Rule';

type Scalar = string | number | null;

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A rule or field value as text; objects are not valid rule values. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest('Invalid filter value', invalidRule);
}

function isEmpty(value: Scalar): boolean {
  return value === null || value === '';
}

/** Turns a rule value into the field's comparable form: ms for dates, numbers, lower-case text otherwise. */
function comparable(fieldType: FilterField['fieldType'], value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (fieldType === 'NUMBER') {
    const n = Number(value);
    if (Number.isNaN(n)) throw badRequest('Invalid filter value', invalidRule);
    return n;
  }
  if (fieldType === 'DATE') {
    const ms = Date.parse(asText(value));
    if (Number.isNaN(ms)) throw badRequest('Invalid filter value', invalidRule);
    return ms;
  }
  const text = asText(value);
  return fieldType === 'TEXT' ? text.toLowerCase() : text;
}

function compareOperator(operator: Operator, fieldType: FilterField['fieldType'], value: unknown) {
  const ordered = fieldType === 'NUMBER' || fieldType === 'DATE';
  const textual = fieldType === 'TEXT';
  const expected = asList(value).map((v) => comparable(fieldType, v));
  const sameDay = (a: number, b: number) => Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000);
  const equals = (actual: Scalar) =>
    expected.some((e) =>
      fieldType === 'DATE' && typeof actual === 'number' && typeof e === 'number' ? sameDay(actual, e) : actual === e,
    );
  const first = expected[0] ?? null;
  const contains = (actual: Scalar) =>
    typeof actual === 'string' && typeof first === 'string' && actual.includes(first);
  const num = (actual: Scalar) => (typeof actual === 'number' ? actual : NaN);
  switch (operator) {
    case 'EQUAL_TO':
      return equals;
    case 'NOT_EQUAL_TO':
      return (actual: Scalar) => !equals(actual);
    case 'IS_EMPTY':
      return isEmpty;
    case 'IS_NOT_EMPTY':
      return (actual: Scalar) => !isEmpty(actual);
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      if (!textual) break;
      return operator === 'CONTAINS' ? contains : (actual: Scalar) => !contains(actual);
    case 'GREATER_THAN':
      if (!ordered || typeof first !== 'number') break;
      return (actual: Scalar) => num(actual) > first;
    case 'LESS_THAN':
      if (!ordered || typeof first !== 'number') break;
      return (actual: Scalar) => num(actual) < first;
    case 'BETWEEN': {
      const [from, to] = expected;
      if (!ordered || expected.length !== 2 || typeof from !== 'number' || typeof to !== 'number') break;
      return (actual: Scalar) => num(actual) >= from && num(actual) <= to;
    }
  }
  throw badRequest(`Invalid operator ${operator}`, invalidRule);
}

function customFieldRule(rule: FilterRule): ProductPredicate {
  const test = compareOperator(rule.operator, 'TEXT', rule.value);
  return (p) => {
    const field = p.meta_data.find((f) => f.label === rule.key);
    const value = field?.value;
    return test(typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase() : null);
  };
}

function rulePredicate(rule: FilterRule): ProductPredicate {
  if (rule.type === 'custom_field') return customFieldRule(rule);
  const field = fieldsByKey.get(rule.key);
  if (!field) throw badRequest(`Invalid filter key ${rule.key}`, invalidRule);
  if (field.type !== rule.type) throw badRequest(`Invalid filter type for ${rule.key}`, invalidRule);
  if (rule.key === 'keyword') {
    const matches = keywordPredicate(asText(rule.value ?? ''));
    return rule.operator === 'NOT_CONTAINS' ? (p) => !matches(p) : matches;
  }
  if (rule.key === 'low_stock') {
    const value = asText(asList(rule.value)[0]);
    if (value !== 'true' && value !== 'false' && value !== 'out_of_stock') {
      throw badRequest('Invalid filter value', invalidRule);
    }
    return lowStockPredicate(value === 'out_of_stock' ? value : value === 'true');
  }
  const read = field.read as (p: ProductRecord) => string | number | null;
  const test = compareOperator(rule.operator, field.fieldType, rule.value);
  return (p) => test(comparable(field.fieldType, read(p)));
}

/** Combines `filter_rules` with `filter_rule_operator` (AND by default). */
export function rulesPredicate(rules: readonly FilterRule[], operator: 'AND' | 'OR'): ProductPredicate {
  const predicates = rules.map(rulePredicate);
  if (predicates.length === 0) return () => true;
  return operator === 'AND' ? (p) => predicates.every((f) => f(p)) : (p) => predicates.some((f) => f(p));
}
