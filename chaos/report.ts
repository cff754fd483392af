import type { ChaosReport } from './run-chaos.js';

const tally = (counts: Record<string, number>) => {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return entries.length === 0 ? 'none' : entries.map(([kind, n]) => `${kind} ${n}`).join(', ');
};

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The run's figures and verdict, as printed by `npm run chaos`. */
export function formatReport(r: ChaosReport): string {
  const row = (label: string, value: string) => `  ${label.padEnd(20)} ${value}`;
  const lines = [
    `Chaos run: seed ${r.seed}, ${r.accounting === 'qbd' ? 'QuickBooks Desktop' : 'QuickBooks Online'}, product master ${r.master}, ${r.items} items, ${r.workers} worker${r.workers === 1 ? '' : 's'}`,
    row('movements', `${r.movements.total} (${tally(r.movements.byKind)})`),
    ...(r.webConnectorSessions
      ? [
          row('Web Connector', `${sum(r.webConnectorSessions)} sessions (${tally(r.webConnectorSessions)})`),
          row('QuickBooks statuses', `errors answered, by code: ${tally(r.qbdStatuses ?? {})}`),
          row(
            'QuickBooks conflicts',
            `stale EditSequence (3200) ${r.qbdStatuses?.['3200'] ?? 0}, iterator expired (3391) ${r.qbdStatuses?.['3391'] ?? 0}; ${r.definitionsChanged} item definitions changed by the product master's user, checked on both sides`,
          ),
        ]
      : [row('faults, QBO', `${sum(r.faults.qbo)} (${tally(r.faults.qbo)})`)]),
    row('faults, Zuper', `${sum(r.faults.zuper)} (${tally(r.faults.zuper)})`),
    row('QBO rate limit hits', tally(r.throttled)),
    row('webhooks, QBO', tally(r.webhooks.qbo)),
    row('webhooks, Zuper', tally(r.webhooks.zuper)),
    row('disruptions', tally(r.disruptions)),
    row('quantity watch', `${r.watchSettles} settles of stock adjustments entered in QuickBooks (no webhook for them)`),
    row('webhook outage', `${r.outageMovements} of the movements made with every webhook dropped, before reconciling`),
    row(
      'activity retries',
      `${r.retries.retries} over ${r.retries.activities} activities in ${r.retries.workflows} runs (${tally(r.retries.byActivity)})`,
    ),
    row('failed runs', `${r.failedRuns.length} in the sync history (each must explain itself)`),
    ...r.failedRuns
      .slice(0, 5)
      .map((f) =>
        row('', `${f.kind} ${f.status}${f.qboItemId ? ` item ${f.qboItemId}` : ''}: ${f.explanation ?? '(none)'}`),
      ),
    row(
      'reconciliation',
      `checked ${r.drift.checked}, drift found ${r.drift.drifted}, fixed ${r.drift.corrected}, failed ${r.drift.failed}`,
    ),
    ...r.drift.items
      .filter((i) => i.status !== 'in-sync')
      .slice(0, 10)
      .map((i) => row('', `item ${i.accountingItemId}: ${i.status}, ${i.cause}`)),
    row('time to converge', `${(r.convergeMs / 1000).toFixed(1)} s (settling once the faults stop, and reconciling)`),
    row(
      'verdict',
      r.violations.length === 0
        ? 'PASS: every item agrees on both sides with its movements, each applied once, every failure explained'
        : `FAIL: ${r.violations.length} violation(s)`,
    ),
    ...r.violations.map((v) => `    ${v.rule}${v.item ? ` item ${v.item}` : ''}: ${v.detail}`),
  ];
  return lines.join('\n');
}
