import type { HistoryDetail } from '../../operator/contract/history.js';
import { driftReportSchema } from '../../operator/contract/runs.js';
import type { ScheduleView } from '../../operator/contract/schedule.js';
import { ConnectionNav, Csrf, Layout, TableRegion, type PageContext } from '../layout.js';

function Report(props: { entry: HistoryDetail }) {
  const parsed = driftReportSchema.safeParse(props.entry.details);
  const e = props.entry;
  return (
    <section aria-label={`Reconciliation ${e.id}`}>
      <h3>
        {e.startedAt.replace('T', ' ').slice(0, 19)} UTC — {e.status}: {e.summary}
      </h3>
      {parsed.success ? (
        <TableRegion label={`Drift report ${e.id}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{parsed.data.names.accounting.record}</th>
                <th scope="col">{parsed.data.names.field.record}</th>
                <th scope="col">Base</th>
                <th scope="col">{parsed.data.names.accounting.system}</th>
                <th scope="col">{parsed.data.names.field.system}</th>
                <th scope="col">Status</th>
                <th scope="col">Cause</th>
              </tr>
            </thead>
            <tbody>
              {parsed.data.items
                .filter((i) => i.status !== 'in-sync')
                .map((i) => (
                  <tr>
                    <td>{i.accountingItemId}</td>
                    <td>{i.fieldItemId}</td>
                    <td>{i.quantities.base}</td>
                    <td>{i.quantities.accounting ?? 'not read'}</td>
                    <td>{i.quantities.field}</td>
                    <td>{i.status}</td>
                    <td>
                      {i.cause} {i.explanation ?? ''}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{e.explanation ?? 'No drift report was recorded.'}</p>
      )}
    </section>
  );
}

export function ReconcilePage(props: {
  page: PageContext;
  connectionId: string;
  schedule: ScheduleView | null;
  scheduleProblem: string | null;
  reports: HistoryDetail[];
  running: boolean;
}) {
  const base = `/console/c/${encodeURIComponent(props.connectionId)}/reconcile`;
  const s = props.schedule;
  return (
    <Layout title="Reconciliation" page={props.page}>
      <ConnectionNav id={props.connectionId} current="reconcile" />
      {s ? (
        <>
          <p id="schedule-state">
            Schedule: {s.state}
            {s.everySeconds ? `, every ${Math.round(s.everySeconds / 60)} min` : ''}
            {s.nextRuns[0] ? `, next run ${s.nextRuns[0]}` : ''}
            {s.note ? ` (${s.note})` : ''}
          </p>
          {props.running ? (
            <p aria-live="polite">
              A reconciliation is running…<script>{'setTimeout(function(){location.reload()},1500)'}</script>
            </p>
          ) : null}
          {(['pause', 'resume', 'trigger'] as const).map((action) => (
            <form method="post" action={`${base}/${action}`} class="inline">
              <Csrf token={props.page.csrf} />
              <button type="submit">
                {action === 'trigger' ? 'Run now' : action === 'pause' ? 'Pause' : 'Resume'}
              </button>
            </form>
          ))}
        </>
      ) : (
        <p>{props.scheduleProblem ?? 'No schedule yet: save the settings first.'}</p>
      )}
      <h2>Drift reports</h2>
      {props.reports.length === 0 ? <p>No reconciliation has run yet.</p> : null}
      {props.reports.map((r) => (
        <Report entry={r} />
      ))}
    </Layout>
  );
}
