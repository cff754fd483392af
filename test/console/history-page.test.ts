import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryDetailPage, HistoryPage } from '../../console/pages/history.js';
import { historyColumns, historyRow } from '../../console/history-rows.js';
import { detail, entry, qbdSideNames } from '../cli/fixtures.js';

const page = { user: 'ops', csrf: 't', flash: null };
const text = async (element: unknown) => String(await element);

describe("the console's history by side", () => {
  it('shows each side before → after, and says so when a settle did not read a side', () => {
    const notRead = entry({ qtyBefore: { base: 10, field: 7 }, qtyAfter: { base: 7, field: 7 } });
    assert.deepEqual(
      [historyRow(entry()).accounting, historyRow(entry()).field, historyRow(notRead).accounting],
      ['10 → 8', '8 → 8', 'not read'],
    );
    assert.deepEqual(
      historyColumns.filter((c) => /item|accounting|field/i.test(c)),
      ['item', 'accountingItemId', 'fieldItemId', 'accounting', 'field'],
    );
  });

  it("names the columns and the ids after the connection's systems (QuickBooks Desktop)", async () => {
    const html = await text(
      HistoryPage({ page, connectionId: 'acme', filters: {}, names: qbdSideNames, entries: [entry()] }),
    );
    assert.match(html, /<th scope="col">QuickBooks Desktop before → after<\/th>/);
    assert.match(html, /\(QuickBooks Desktop 19, Zuper zp-1\)/);
    const shown = await text(HistoryDetailPage({ page, entry: detail({ names: qbdSideNames }), temporalUiUrl: null }));
    assert.match(shown, /<dt>QuickBooks Desktop before → after<\/dt><dd>10 → 8<\/dd>/);
    assert.match(shown, /QuickBooks Desktop 19, Zuper zp-1/);
  });
});
