import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countQuery,
  formatQboDateTime,
  includeInactive,
  quoteQboLiteral,
  selectQuery,
  where,
} from '../../../integrations/qbo/query-builder.js';

void test('apostrophes and backslashes in literals are backslash-escaped', () => {
  assert.equal(quoteQboLiteral("Joe's Widget"), "'Joe\\'s Widget'");
  assert.equal(quoteQboLiteral('C:\\temp'), "'C:\\\\temp'");
  assert.equal(quoteQboLiteral("ends with \\'"), "'ends with \\\\\\''");
  assert.equal(quoteQboLiteral("' OR Name = 'x"), "'\\' OR Name = \\'x'");
});

void test('numbers, booleans and dates render unquoted or in QBO date-time form', () => {
  assert.equal(quoteQboLiteral(12.5), '12.5');
  assert.equal(quoteQboLiteral(false), 'false');
  assert.equal(quoteQboLiteral(new Date('2025-09-01T07:00:00.123Z')), "'2025-09-01T07:00:00Z'");
  assert.equal(formatQboDateTime(new Date('2024-01-01T00:00:00Z')), '2024-01-01T00:00:00Z');
  assert.throws(() => quoteQboLiteral(Number.NaN), RangeError);
});

void test('select with conditions, order and paging', () => {
  const q = selectQuery('Item', {
    where: [
      includeInactive,
      where('Name', 'IN', ["Joe's", 'B']),
      where('MetaData.LastUpdatedTime', '>=', new Date('2024-01-01T00:00:00Z')),
    ],
    orderBy: 'Id',
    startPosition: 1001,
    maxResults: 1000,
  });
  assert.equal(q.entity, 'Item');
  assert.equal(
    q.sql,
    "SELECT * FROM Item WHERE Active IN (true, false) AND Name IN ('Joe\\'s', 'B') AND MetaData.LastUpdatedTime >= '2024-01-01T00:00:00Z' ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000",
  );
  assert.equal(
    selectQuery('Account', { orderBy: 'Name', descending: true }).sql,
    'SELECT * FROM Account ORDERBY Name DESC',
  );
});

void test('count query', () => {
  assert.equal(
    countQuery('Item', [where('Type', '=', 'Inventory')]).sql,
    "SELECT COUNT(*) FROM Item WHERE Type = 'Inventory'",
  );
  assert.equal(countQuery('Account').sql, 'SELECT COUNT(*) FROM Account');
});

void test('field names cannot inject, paging stays within QBO limits, IN needs values', () => {
  assert.throws(() => selectQuery('Item', { where: [where("Name = 'x' OR Id", '=', 1)] }), /invalid QBO query field/);
  assert.throws(() => selectQuery('Item', { orderBy: 'Id; DROP' }), /invalid QBO query field/);
  assert.throws(() => selectQuery('Item', { maxResults: 1001 }), /MAXRESULTS must be 1–1000/);
  assert.throws(() => selectQuery('Item', { startPosition: 0 }), /STARTPOSITION is 1-based/);
  assert.throws(() => selectQuery('Item', { where: [where('Id', 'IN', [])] }), /empty IN list/);
  assert.throws(() => selectQuery('Item', { where: [where('Id', '=', ['1', '2'])] }), /takes a single value/);
});
