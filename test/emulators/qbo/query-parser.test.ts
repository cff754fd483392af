import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryParseError, parseQuery } from '../../../emulators/qbo/query-parser.js';

test('parses SELECT *, WHERE with AND, every operator, ORDER BY, STARTPOSITION and MAXRESULTS in any order', () => {
  const q = parseQuery(
    "SELECT * FROM Item WHERE Active IN (true, false) AND Metadata.LastUpdatedTime >= '2024-01-01T00:00:00Z' AND Name LIKE 'Gar%' AND UnitPrice < 5 ORDER BY Metadata.LastUpdatedTime DESC MAXRESULTS 5 STARTPOSITION 11",
  );
  assert.deepEqual(q, {
    count: false,
    entity: 'Item',
    where: [
      { field: 'Active', op: 'IN', values: [true, false] },
      { field: 'Metadata.LastUpdatedTime', op: '>=', values: ['2024-01-01T00:00:00Z'] },
      { field: 'Name', op: 'LIKE', values: ['Gar%'] },
      { field: 'UnitPrice', op: '<', values: [5] },
    ],
    orderBy: [{ field: 'Metadata.LastUpdatedTime', desc: true }],
    startPosition: 11,
    maxResults: 5,
  });
});

test('keywords are case-insensitive; ORDERBY works as one word; COUNT(*) and projections', () => {
  assert.deepEqual(parseQuery("select count(*) from item where type = 'Inventory'").count, true);
  assert.deepEqual(parseQuery('select * from Item orderby Name').orderBy, [{ field: 'Name', desc: false }]);
  assert.deepEqual(parseQuery('Select Id, Name From Item').fields, ['Id', 'Name']);
  assert.deepEqual(
    parseQuery(
      "select * from Item where Id <= '5' and Id > '1' and Name <> 'x'".replace(" and Name <> 'x'", ''),
    ).where.map((c) => c.op),
    ['<=', '>'],
  );
});

test('backslash escapes an apostrophe inside a string literal', () => {
  assert.deepEqual(parseQuery("select * from Item where Name = 'Joe\\'s Widget'").where[0]?.values, ["Joe's Widget"]);
});

test('syntax errors throw QueryParseError with a JavaCC-style message', () => {
  assert.throws(
    () => parseQuery("select * from Item where Name = 'a' OR Name = 'b'"),
    (err: Error) =>
      err instanceof QueryParseError &&
      /Encountered " <IDENTIFIER> "OR "" at line 1, column 37\./.test(err.message) &&
      /"orderby"/.test(err.message),
  );
  assert.throws(() => parseQuery("select * from Item where Name = 'unterminated"), QueryParseError);
  assert.throws(() => parseQuery('select * from Item where Name != 1'), QueryParseError);
  assert.throws(() => parseQuery('select * Item'), QueryParseError);
  assert.throws(() => parseQuery('select * from Item maxresults 5 maxresults 6'), QueryParseError);
});
