import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueryApi } from '../../../integrations/qbo/query.js';
import { fakeTransport, itemJson } from './support/fake-transport.js';

/** Answers paged Item queries from `total` rows, honouring STARTPOSITION/MAXRESULTS like QBO. */
function pagedItems(total: number, extraRowOnFirstPage = false) {
  return fakeTransport((call) => {
    const sql = call.searchParams?.query ?? '';
    const start = Number(/STARTPOSITION (\d+)/.exec(sql)?.[1]);
    const max = Number(/MAXRESULTS (\d+)/.exec(sql)?.[1]);
    const take = start === 1 && extraRowOnFirstPage ? max + 1 : max;
    const rows = Array.from({ length: Math.max(0, Math.min(take, total - start + 1)) }, (_, i) => itemJson(start + i));
    // QBO reports rows returned in maxResults and answers {} past the end.
    return { QueryResponse: rows.length ? { Item: rows, startPosition: start, maxResults: rows.length } : {} };
  });
}

async function collect(total: number, pageSize: number, extra = false) {
  const transport = pagedItems(total, extra);
  const pages: number[][] = [];
  for await (const page of createQueryApi(transport).queryAll('Item', [], pageSize))
    pages.push(page.map((i) => Number(i.Id)));
  return { pages, queries: transport.calls.map((c) => c.searchParams?.query) };
}

void test('stops on a short page without asking for another', async () => {
  const { pages, queries } = await collect(25, 10);
  assert.deepEqual(
    pages.map((p) => p.length),
    [10, 10, 5],
  );
  assert.equal(queries.length, 3);
  assert.equal(queries[2], 'SELECT * FROM Item ORDERBY Id STARTPOSITION 21 MAXRESULTS 10');
});

void test('an exact multiple ends on the empty {} page', async () => {
  const { pages, queries } = await collect(20, 10);
  assert.deepEqual(
    pages.map((p) => p.length),
    [10, 10],
  );
  assert.equal(queries.length, 3);
});

void test('a page with one row too many does not repeat rows', async () => {
  const { pages } = await collect(25, 10, true);
  const ids = pages.flat();
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, 25);
});

void test('count reads totalCount', async () => {
  const transport = fakeTransport(() => ({ QueryResponse: { totalCount: 1234 }, time: 'x' }));
  assert.equal(await createQueryApi(transport).count('Item'), 1234);
  assert.equal(transport.calls[0]?.searchParams?.query, 'SELECT COUNT(*) FROM Item');
});
