import type { SystemConsole } from '../../integrations/system-console.js';
import type { SystemConsoleStatus } from '../../integrations/system-consoles.js';
import type { ConnectionStatusView } from '../../operator/contract/status.js';
import { ConnectionNav, Csrf, Layout, type PageContext } from '../layout.js';

/** The connection's page: each system's card (connecting and disconnecting it), then the connection's health. */
export function ConnectionPage(props: {
  page: PageContext;
  status: ConnectionStatusView;
  /** Each system's part of the console, whose cards come first. */
  systems: readonly SystemConsole<SystemConsoleStatus>[];
  /** Where this service is reached from outside. */
  baseUrl: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const s = props.status;
  const base = `/console/c/${encodeURIComponent(s.id)}`;
  return (
    <Layout title={`${s.displayName} (${s.id})`} page={props.page}>
      <ConnectionNav id={s.id} current="" />
      <div class="cards">
        {props.systems.map(({ Card }) => (
          <Card page={props.page} status={s} baseUrl={props.baseUrl} errors={props.errors} values={props.values} />
        ))}
        <section class="card" aria-labelledby="health-h">
          <h2 id="health-h">Health</h2>
          <ul>
            <li>Status: {s.status}</li>
            <li>
              Linked items: {s.links.total} ({s.links.quantityTracked} tracking quantity)
            </li>
            <li>
              Open failures: <a href={`${base}/history?status=failed`}>{s.openFailures.length}</a>
            </li>
            <li>Last reconciliation: {s.lastReconciliation ? s.lastReconciliation.summary : 'never'}</li>
            <li>Schedule: {s.schedule ? s.schedule.state : (s.scheduleProblem ?? 'not configured')}</li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}

export function ConfirmPage(props: {
  page: PageContext;
  title: string;
  question: string;
  action: string;
  back: string;
  button: string;
}) {
  return (
    <Layout title={props.title} page={props.page}>
      <p>{props.question}</p>
      <form method="post" action={props.action}>
        <Csrf token={props.page.csrf} />
        <button type="submit" class="danger">
          {props.button}
        </button>
        <a href={props.back}>Cancel</a>
      </form>
    </Layout>
  );
}
