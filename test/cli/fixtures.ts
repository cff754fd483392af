import type { HistoryDetail, HistoryEntry } from '../../operator/contract/history.js';
import type { ConnectionStatusView } from '../../operator/contract/status.js';
import type { MeteredReadUsageView } from '../../operator/contract/vendor-named-fields.js';
import { readStretchFactor, readUsage, readUsageMessage } from '../../domain/metered-reads.js';
import type { ScheduleView } from '../../operator/contract/schedule.js';
import type { DriftReportView, SideNamesView } from '../../operator/contract/runs.js';

export const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: 7,
  connectionId: 'acme',
  kind: 'quantity',
  status: 'succeeded',
  workflowId: 'qty:acme:19',
  runId: 'r1',
  accountingItemId: '19',
  fieldItemId: 'zp-1',
  itemName: null,
  summary: 'Quantity settled (Zuper invoice.new): QuickBooks -2; both now at 8',
  qtyBefore: { base: 10, accounting: 10, field: 8 },
  qtyAfter: { base: 8, accounting: 8, field: 8 },
  explanation: null,
  fix: null,
  errorCode: null,
  startedAt: '2026-11-30T12:00:01.123Z',
  finishedAt: '2026-11-30T12:00:02.000Z',
  ...over,
});

export const failedEntry = (over: Partial<HistoryEntry> = {}) =>
  entry({
    id: 9,
    status: 'needs_attention',
    summary: 'QuickBooks has no account named "Inventory Shrinkage"',
    qtyBefore: null,
    qtyAfter: null,
    explanation:
      'QuickBooks has no account named "Inventory Shrinkage" (Cost of Goods Sold), needed for inventory items.',
    fix: 'Create the account in QuickBooks or choose an existing one.',
    errorCode: 'qbo:account-missing',
    ...over,
  });

export const detail = (over: Partial<HistoryDetail> = {}): HistoryDetail => ({
  ...entry(),
  details: null,
  names: qboSideNames,
  ...over,
});

export const schedule = (over: Partial<ScheduleView> = {}): ScheduleView => ({
  scheduleId: 'reconcile:acme',
  state: 'running',
  note: null,
  everySeconds: 900,
  nextRuns: ['2026-11-30T12:15:00.000Z', '2026-11-30T12:30:00.000Z'],
  recentRuns: [
    {
      scheduledAt: '2026-11-30T12:00:00.000Z',
      takenAt: '2026-11-30T12:00:00.100Z',
      workflowId: 'reconcile:acme-2026-11-30T12:00:00Z',
    },
  ],
  runningWorkflowIds: [],
  ...over,
});

/** How the registry names the sides of a QuickBooks Online connection and of a QuickBooks Desktop one. */
export const qboSideNames: SideNamesView = {
  accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
  field: { system: 'Zuper', record: 'Zuper product' },
};
export const qbdSideNames: SideNamesView = {
  accounting: { system: 'QuickBooks Desktop', record: 'QuickBooks Desktop item' },
  field: { system: 'Zuper', record: 'Zuper product' },
};

export const status = (over: Partial<ConnectionStatusView> = {}): ConnectionStatusView => ({
  id: 'acme',
  displayName: 'Acme Plumbing',
  status: 'active',
  statusReason: null,
  configured: true,
  sides: {
    accounting: { system: 'qbo', connected: true, account: '9130' },
    field: { system: 'zuper', connected: true, account: 'acme' },
  },
  qboConnected: true,
  qboRealmId: '9130',
  zuperConnected: true,
  zuperCompany: 'acme',
  settings: {
    productMaster: 'accounting',
    minQuantity: 0,
    nonInventoryQuantity: 0,
    reconcileEvery: '15m',
    accounting: { system: 'qbo', quantityWrite: 'inventory-adjustment', accounts: {} },
    field: { system: 'zuper', defaultLocationUid: 'L1' },
  },
  names: qboSideNames,
  credentials: {
    accounting: {
      system: 'qbo',
      level: 'ok',
      account: '9130',
      renewedAt: '2026-11-30T13:00:00.000Z',
      expiresAt: '2027-03-01T00:00:00.000Z',
      daysLeft: 90,
      message: 'Authorised; the refresh token is good for 90 more days.',
    },
    field: {
      system: 'zuper',
      level: 'ok',
      account: 'acme',
      renewedAt: null,
      expiresAt: null,
      daysLeft: null,
      message: 'Connected to Zuper company "acme" with an API key, which does not expire.',
    },
  },
  qbo: {
    level: 'ok',
    realmId: '9130',
    accessTokenExpiresAt: '2026-11-30T13:00:00.000Z',
    refreshTokenExpiresAt: '2027-03-01T00:00:00.000Z',
    refreshTokenDaysLeft: 90,
    message: 'Authorised; the refresh token is good for 90 more days.',
  },
  zuper: { connected: true, company: 'acme', apiUrl: 'http://127.0.0.1:1/api' },
  qbd: null,
  links: { total: 12, quantityTracked: 10, pendingSettles: 0 },
  lastReconciliation: entry({
    id: 5,
    kind: 'reconcile',
    summary: 'Checked 10 linked items: 0 drifted',
    accountingItemId: null,
    fieldItemId: null,
    qtyBefore: null,
    qtyAfter: null,
  }),
  openFailures: [],
  schedule: schedule(),
  scheduleProblem: null,
  qboReads: { thisMonth: 1200, app: readUsageView() },
  ...over,
});

/** The app's QuickBooks read usage as status shows it: `reads` of 500,000 at `now` (default: 1 % at mid-month). */
export const readUsageView = (reads = 5000, now = new Date('2026-12-16T12:00:00Z')): MeteredReadUsageView => {
  const usage = readUsage(reads, 500_000, now);
  const stretch = readStretchFactor(reads, 500_000, now);
  return { ...usage, stretch, message: readUsageMessage(usage, stretch) };
};

/** A reconciliation that checked one linked item and found it in sync. */
export const driftReport = (over: Partial<DriftReportView> = {}): DriftReportView => ({
  checked: 1,
  drifted: 0,
  corrected: 0,
  failed: 0,
  definitionsSynced: 0,
  linked: 0,
  missing: [],
  items: [],
  accountingCatalogReadAt: '2026-12-16T12:00:00.000Z',
  names: {
    accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
    field: { system: 'Zuper', record: 'Zuper product' },
  },
  ...over,
});
