import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatQuantities } from '../../cli/format/quantities.js';
import { formatTable } from '../../cli/format/table.js';
import { formatChecks } from '../../cli/format/checks.js';
import { formatHistoryDetail, formatHistoryList } from '../../cli/format/history.js';
import { formatLinkResult } from '../../cli/format/link-result.js';
import { formatDriftReport } from '../../cli/format/drift-report.js';
import { formatConnectionStatus, formatStatus, needsAttention } from '../../cli/format/status.js';
import { formatScheduleAnswer } from '../../cli/format/schedule.js';
import { formatConnections } from '../../cli/format/connections.js';
import type { LinkResultView } from '../../operator/contract/runs.js';
import {
  detail,
  driftReport,
  entry,
  failedEntry,
  qbdSideNames,
  qboSideNames,
  readUsageView,
  schedule,
  status,
} from './fixtures.js';

describe('formatQuantities', () => {
  it("shows before → after per side, the accounting side first, named after the connection's systems", () => {
    assert.equal(
      formatQuantities({ base: 10, field: 8, accounting: 10 }, { base: 8, accounting: 8, field: 8 }, qboSideNames),
      'QuickBooks 10 → 8, Zuper 8 → 8, base 10 → 8',
    );
    assert.equal(
      formatQuantities({ base: 10, field: 8 }, { base: 8, field: 8 }, qbdSideNames),
      'Zuper 8 → 8, base 10 → 8',
    );
    assert.equal(formatQuantities(null, { accounting: 3 }, qbdSideNames), 'QuickBooks Desktop – → 3');
    assert.equal(formatQuantities(null, null, qboSideNames), '');
  });
});

describe('formatTable', () => {
  it('aligns columns and leaves the last one unpadded', () => {
    assert.equal(
      formatTable(
        ['A', 'BB'],
        [
          ['long', 'x'],
          ['s', 'yy'],
        ],
      ),
      'A     BB\nlong  x\ns     yy',
    );
  });
});

describe('formatConnections', () => {
  it('lists each connection with both systems and a hint when there are none', () => {
    const text = formatConnections({
      connections: [
        {
          id: 'acme',
          displayName: 'Acme',
          status: 'active',
          statusReason: null,
          configured: true,
          sides: {
            accounting: { system: 'qbo', connected: true, account: '9130' },
            field: { system: 'zuper', connected: false, account: null },
          },
          qboConnected: true,
          qboRealmId: '9130',
          zuperConnected: false,
          zuperCompany: null,
        },
      ],
    });
    assert.equal(
      text,
      'ID    NAME  STATUS  QUICKBOOKS    ZUPER          SETTINGS\nacme  Acme  active  company 9130  not connected  configured',
    );
    assert.match(formatConnections({ connections: [] }), /qzsync connections add <id>/);
  });
});

describe('formatChecks', () => {
  it('marks each check, puts fixes under the ones that did not pass, and tallies', () => {
    const text = formatChecks({
      connectionId: 'acme',
      ok: false,
      checks: [
        {
          id: 'settings',
          title: 'Connection settings present',
          status: 'passed',
          detail: 'Product master QuickBooks.',
        },
        {
          id: 'zuper-negative-stock',
          title: 'Zuper allows negative stock',
          status: 'failed',
          detail: 'Refused.',
          fix: 'Set it to Yes.',
        },
        {
          id: 'zuper-invoice-consumption',
          title: 'Zuper tracks consumption on invoices',
          status: 'unknown',
          detail: 'Unreadable.',
          fix: 'Confirm it.',
        },
      ],
    });
    assert.equal(
      text,
      [
        'Prerequisites of acme:',
        'ok    Connection settings present: Product master QuickBooks.',
        'FAIL  Zuper allows negative stock: Refused.',
        '      Fix: Set it to Yes.',
        '?     Zuper tracks consumption on invoices: Unreadable.',
        '      Fix: Confirm it.',
        '',
        '1 passed, 1 failed, 1 could not be checked.',
      ].join('\n'),
    );
  });

  it('marks a check that waits for an answer and counts it', () => {
    const text = formatChecks({
      connectionId: 'desk',
      ok: true,
      checks: [
        {
          id: 'qbd-accounts',
          title: 'QuickBooks Desktop accounts found',
          status: 'pending',
          detail: 'Asked at the next session.',
          fix: 'Nothing to change yet.',
        },
      ],
    });
    assert.equal(
      text,
      [
        'Prerequisites of desk:',
        '...   QuickBooks Desktop accounts found: Asked at the next session.',
        '      Fix: Nothing to change yet.',
        '',
        '0 passed, 0 failed, 0 could not be checked, 1 waits for an answer (check again later).',
      ].join('\n'),
    );
  });
});

describe('history', () => {
  it('lists entries with quantities, and why/fix under failures', () => {
    const list = { connectionId: 'acme', names: qboSideNames, entries: [entry(), failedEntry()] };
    const lines = formatHistoryList(list).split('\n');
    assert.match(lines[0] ?? '', /^#\s+STARTED\s+KIND\s+STATUS\s+ITEM\s+QUANTITIES\s+SUMMARY$/);
    assert.match(
      lines[1] ?? '',
      /^7\s+2026-11-30 12:00:01Z\s+quantity\s+succeeded\s+QuickBooks 19 ↔ Zuper zp-1\s+QuickBooks 10 → 8, Zuper 8 → 8, base 10 → 8\s+Quantity settled/,
    );
    assert.match(lines[2] ?? '', /^9 .*NEEDS ATTENTION .* – +QuickBooks has no account/);
    assert.equal(
      lines[3],
      '      Why: QuickBooks has no account named "Inventory Shrinkage" (Cost of Goods Sold), needed for inventory items.',
    );
    assert.equal(lines[4], '      Fix: Create the account in QuickBooks or choose an existing one.');
    assert.equal(
      formatHistoryList({ connectionId: 'acme', names: qboSideNames, entries: [] }),
      'No history for acme matches.',
    );
  });

  it("names the ids and quantities after the connection's systems (QuickBooks Desktop)", () => {
    const [, row] = formatHistoryList({ connectionId: 'acme', names: qbdSideNames, entries: [entry()] }).split('\n');
    assert.match(row ?? '', /QuickBooks Desktop 19 ↔ Zuper zp-1\s+QuickBooks Desktop 10 → 8, Zuper 8 → 8, base 10 → 8/);
    assert.match(
      formatHistoryDetail(detail({ names: qbdSideNames })),
      /\n {2}Item {8}QuickBooks Desktop 19 ↔ Zuper zp-1\n {2}Quantities {2}QuickBooks Desktop 10 → 8, Zuper 8 → 8/,
    );
  });

  it('names the item beside its ids wherever the history knows its name', () => {
    const named = entry({ itemName: 'Copper Fitting 19' });
    const [, row] = formatHistoryList({ connectionId: 'acme', names: qboSideNames, entries: [named] }).split('\n');
    assert.match(row ?? '', /succeeded\s+Copper Fitting 19 \(QuickBooks 19 ↔ Zuper zp-1\)\s+QuickBooks 10 → 8/);
    assert.match(
      formatHistoryDetail({ ...named, details: null, names: qboSideNames }),
      /\n {2}Item {8}Copper Fitting 19 \(QuickBooks 19 ↔ Zuper zp-1\)\n/,
    );
  });

  it('shows one entry with every field, and unknown details as JSON', () => {
    const text = formatHistoryDetail({
      ...failedEntry(),
      details: { movements: { accounting: '77' } },
      names: qboSideNames,
    });
    assert.match(text, /^History entry #9\n/);
    assert.match(text, /\n {2}Status {7}NEEDS ATTENTION\n/);
    assert.match(text, /\n {2}Explanation {2}QuickBooks has no account/);
    assert.match(text, /\n {2}Error code {3}qbo:account-missing\n/);
    assert.match(
      text,
      /\n {2}Workflow {5}qty:acme:19 \(run r1\)\n {2}Details\n {4}\{\n {6}"movements": \{\n {8}"accounting": "77"/,
    );
  });

  it('renders a reconciliation entry as its drift report and a link entry as its plan', () => {
    const report = driftReport();
    assert.match(
      formatHistoryDetail(detail({ kind: 'reconcile', details: report })),
      /\n {2}Checked 1 linked items: 0 drifted/,
    );
    const plan = {
      dryRun: true,
      actions: [{ action: 'create', in: 'field', fromId: '20', name: 'Valve', kind: 'inventory' }],
      names: {
        accounting: { system: 'QuickBooks Desktop', record: 'QuickBooks Desktop item' },
        field: { system: 'Zuper', record: 'Zuper product' },
      },
    };
    assert.match(
      formatHistoryDetail(detail({ kind: 'link', details: plan })),
      /\n {2}CREATE {2}in Zuper: "Valve" \(inventory, from QuickBooks Desktop 20\)$/,
      'each side is named after the system the connection has there',
    );
  });
});

const linkResult = (over: Partial<LinkResultView> = {}): LinkResultView => ({
  dryRun: true,
  reportId: 12,
  summary: { keep: 1, link: 1, create: 1, skip: 1, quantityChanges: 1 },
  actions: [
    {
      action: 'link',
      accountingItemId: '19',
      fieldItemId: 'zp-1',
      by: 'sku',
      kind: 'inventory',
      quantityChange: { side: 'field', from: 3, to: 5 },
    },
    { action: 'create', in: 'field', fromId: '20', name: 'Valve', kind: 'inventory' },
    {
      action: 'skip',
      side: 'field',
      id: 'zp-9',
      name: 'Kit',
      reason: 'Zuper bundles cannot be created in QuickBooks',
    },
  ],
  actionsTotal: 3,
  failed: [],
  names: {
    accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
    field: { system: 'Zuper', record: 'Zuper product' },
  },
  ...over,
});

describe('formatLinkResult', () => {
  it('a dry run says what would happen, including quantity moves, and that nothing was written', () => {
    assert.equal(
      formatLinkResult('acme', linkResult()),
      [
        'Dry run for acme: would link 1, create 1 and skip 1 (1 already linked); 1 quantity would change.',
        'LINK    QuickBooks 19 ↔ Zuper zp-1 (same SKU, inventory)  Zuper quantity 3 → 5',
        'CREATE  in Zuper: "Valve" (inventory, from QuickBooks 20)',
        'SKIP    Zuper zp-9 "Kit": Zuper bundles cannot be created in QuickBooks',
        'Nothing was written. Run `qzsync link acme` to carry it out (report #12).',
      ].join('\n'),
    );
  });

  it('a real run lists failures with why and fix, and says when actions were cut', () => {
    const text = formatLinkResult(
      'acme',
      linkResult({
        dryRun: false,
        actionsTotal: 503,
        failed: [
          {
            action: { action: 'create', in: 'accounting', fromId: 'zp-2', name: 'Pipe', kind: 'inventory' },
            error: 'No income account.',
            fix: 'Create it.',
          },
        ],
      }),
    );
    assert.match(
      text,
      /^Linked acme: 1 linked, 1 created, 1 skipped \(1 already linked\), 1 quantity moved to the product master's; 1 failed\./,
    );
    assert.match(text, /\n… and 500 more \(see `qzsync show` of the report\)\.\n/);
    assert.match(
      text,
      /\nFAILED {2}in QuickBooks: "Pipe" \(inventory, from Zuper zp-2\)\n {8}Why: No income account\.\n {8}Fix: Create it\.\n/,
    );
  });
});

describe('formatDriftReport', () => {
  it('lists each drifted item with both quantities, the movement and the cause, naming the systems on each side', () => {
    const text = formatDriftReport(
      driftReport({
        checked: 10,
        drifted: 2,
        corrected: 1,
        failed: 1,
        missing: [{ accountingItemId: '21', fieldItemId: 'zp-3', side: 'accounting' }],
        items: [
          {
            accountingItemId: '19',
            fieldItemId: 'zp-1',
            quantities: { base: 10, accounting: 10, field: 7 },
            status: 'corrected',
            moved: { accounting: -3, field: 0 },
            cause: 'Zuper changed by -3 without a sync',
          },
          {
            accountingItemId: '22',
            fieldItemId: 'zp-4',
            quantities: { base: 1, accounting: 2, field: 1 },
            status: 'failed',
            cause: 'QuickBooks Desktop changed by 1',
            explanation: 'Stale.',
          },
          {
            accountingItemId: '23',
            fieldItemId: 'zp-5',
            quantities: { base: 4, accounting: null, field: 6 },
            status: 'corrected',
            moved: { accounting: 2, field: 0 },
            cause: 'Zuper changed by 2 without a sync',
          },
        ],
        names: {
          accounting: { system: 'QuickBooks Desktop', record: 'QuickBooks Desktop item' },
          field: { system: 'Zuper', record: 'Zuper product' },
        },
      }),
    );
    assert.equal(
      text,
      [
        'Checked 10 linked items: 2 drifted, 1 corrected, 1 failed; 0 definitions and 0 unlinked items synced.',
        'CORRECTED  QuickBooks Desktop 19 ↔ Zuper zp-1: base 10, QuickBooks Desktop 10, Zuper 7 → QuickBooks Desktop -3',
        '           Cause: Zuper changed by -3 without a sync',
        'FAILED     QuickBooks Desktop 22 ↔ Zuper zp-4: base 1, QuickBooks Desktop 2, Zuper 1',
        '           Cause: QuickBooks Desktop changed by 1',
        '           Why: Stale.',
        'CORRECTED  QuickBooks Desktop 23 ↔ Zuper zp-5: base 4, QuickBooks Desktop not read, Zuper 6 → QuickBooks Desktop +2',
        '           Cause: Zuper changed by 2 without a sync',
        'MISSING    QuickBooks Desktop 21 ↔ Zuper zp-3: gone from QuickBooks Desktop; re-create or re-link it.',
      ].join('\n'),
    );
  });
});

describe('status', () => {
  it('shows token health, links, schedule, last reconciliation and open failures with explanations', () => {
    const text = formatConnectionStatus(
      status({
        credentials: {
          ...status().credentials,
          accounting: {
            ...status().credentials.accounting,
            level: 'warning',
            daysLeft: 10,
            message: 'Ends in 10 days.',
          },
        },
        openFailures: [failedEntry()],
      }),
    );
    assert.match(text, /^acme \(Acme Plumbing\): active\n/);
    assert.match(text, /\n {2}QuickBooks {6}company 9130; WARNING: Ends in 10 days\.\n/);
    assert.match(text, /\n {2}Links {11}12 items \(10 with quantities, 0 settling\)\n/);
    assert.match(text, /\n {2}Schedule {8}running, every 15m, next 2026-11-30 12:15:00Z\n/);
    assert.match(
      text,
      /\n {2}Last reconcile {2}#5 2026-11-30 12:00:01Z succeeded: Checked 10 linked items: 0 drifted\n/,
    );
    assert.match(
      text,
      /\n {4}#9 2026-11-30 12:00:01Z quantity QuickBooks 19 ↔ Zuper zp-1 NEEDS ATTENTION\n {6}Why: QuickBooks has no account/,
    );
  });

  it('names the product master after the system the connection has on its side', () => {
    assert.match(formatConnectionStatus(status()), /\n {2}Settings {8}master QuickBooks, default location L1,/);
    const qbd = status({ names: qbdSideNames });
    assert.match(formatConnectionStatus(qbd), /\n {2}QuickBooks Desktop {2}company 9130; /, 'its credentials');
    assert.match(formatConnectionStatus(qbd), /\n {2}Settings {12}master QuickBooks Desktop, default location L1,/);
    const field = status({ names: qbdSideNames, settings: { ...status().settings!, productMaster: 'field' } });
    assert.match(formatConnectionStatus(field), /\n {2}Settings {12}master Zuper, default location L1,/);
  });

  it('still shows the rest when Temporal could not be asked about the schedule', () => {
    const text = formatConnectionStatus(
      status({ schedule: null, scheduleProblem: 'Temporal could not be asked: down' }),
    );
    assert.match(text, /\n {2}Schedule +unknown \(Temporal could not be asked: down\)\n/);
  });

  it('needs attention on open failures, a refused or dying authorisation, not on a mere warning', () => {
    assert.equal(needsAttention(status()), false);
    const accountingAt = (level: 'warning' | 'critical') =>
      status({ credentials: { ...status().credentials, accounting: { ...status().credentials.accounting, level } } });
    assert.equal(needsAttention(accountingAt('warning')), false);
    assert.equal(needsAttention(accountingAt('critical')), true);
    assert.equal(needsAttention(status({ status: 'needs_reconnect' })), true);
    assert.equal(needsAttention(status({ openFailures: [failedEntry()] })), true);
  });
});

describe('formatScheduleAnswer', () => {
  it('says what was done and describes the schedule', () => {
    const text = formatScheduleAnswer({
      connectionId: 'acme',
      action: 'pause',
      schedule: schedule({ state: 'paused', note: 'paused with qzsync' }),
    });
    assert.match(
      text,
      /^Paused: no reconciliation runs until it is resumed\.\nReconciliation schedule of acme \(reconcile:acme\)\n/,
    );
    assert.match(
      text,
      /\n {2}State {8}paused \(paused with qzsync\)\n {2}Every {8}15m\n {2}Next runs {4}– \(paused\)\n/,
    );
    assert.match(text, /\n {2}Recent runs {2}2026-11-30 12:00:00Z reconcile:acme-2026-11-30T12:00:00Z\n/);
  });

  describe('QuickBooks reads this month', () => {
    const lastSecond = new Date('2026-12-31T23:59:59Z');
    const midMonth = new Date('2026-12-16T12:00:00Z');
    const withReads = (reads: number, now: Date) => {
      const app = readUsageView(reads, now);
      return { one: status({ qboReads: { thisMonth: 20_000, app } }), app };
    };

    it('79 % used, 79 % projected: figures, no warning, nothing to act on', () => {
      const { one, app } = withReads(395_000, lastSecond);
      const text = formatConnectionStatus(one);
      assert.match(text, /\n {2}QBO reads {7}20,000 in 2026-12 \(4 % of the app's monthly allowance\)\n/);
      assert.match(
        text,
        /\n {2}App QBO reads {3}395,000 of 500,000 QuickBooks reads in 2026-12 \(79 %\); projected 395,000 \(79 %\) by month-end at the current pace$/,
      );
      assert.doesNotMatch(text, /WARNING|CRITICAL/);
      assert.equal(needsAttention(one), false);
      assert.equal(app.stretch, 1);
    });

    it('80 % used: a warning, no stretch yet, exit 0', () => {
      const { one, app } = withReads(400_000, lastSecond);
      assert.match(
        formatConnectionStatus(one),
        /\(80 %\) by month-end at the current pace\. WARNING: above 80 % of the monthly allowance/,
      );
      assert.equal(app.level, 'warning');
      assert.equal(app.stretch, 1);
      assert.equal(needsAttention(one), false);
    });

    it('40 % used at mid-month projects 80 %: a warning', () => {
      const { app } = withReads(200_000, midMonth);
      assert.equal(app.level, 'warning');
      assert.match(app.message, /projected 400,000 \(80 %\) by month-end at the current pace\. WARNING/);
    });

    it('projected over the allowance: critical, polling stretched, needs attention', () => {
      const { one, app } = withReads(300_000, midMonth);
      assert.equal(app.level, 'critical');
      assert.equal(app.stretch, 1.5);
      assert.match(formatConnectionStatus(one), /projected 600,000 \(120 %\) .*CRITICAL: .*polling is stretched ×1\.5/);
      assert.equal(needsAttention(one), true);
    });

    it("status of all connections leads with the whole app's usage", () => {
      const { one, app } = withReads(400_000, lastSecond);
      const text = formatStatus({
        connections: [one],
        qboReads: { ...app, perConnection: [{ connectionId: 'acme', reads: 20_000 }] },
      });
      assert.match(text, /^QuickBooks reads, whole app: 400,000 of 500,000 .*WARNING/);
    });
  });
});
