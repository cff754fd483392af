import type { ConnectionStatusView } from '../../operator/contract/status.js';
import { ConnectionNav, Csrf, FieldError, Layout, type PageContext } from '../layout.js';
import { QbdCard } from './qbd.js';

/**
 * The connection's page: its health, QuickBooks Online's OAuth, QuickBooks Desktop's Web Connector login, the Zuper
 * key, disconnecting.
 */
export function ConnectionPage(props: {
  page: PageContext;
  status: ConnectionStatusView;
  /** Where the Web Connector reaches this service, unless the operator says otherwise. */
  defaultQbdAppUrl: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const s = props.status;
  const base = `/console/c/${encodeURIComponent(s.id)}`;
  return (
    <Layout title={`${s.displayName} (${s.id})`} page={props.page}>
      <ConnectionNav id={s.id} current="" />
      <div class="cards">
        <section class="card" aria-labelledby="qbo-h">
          <h2 id="qbo-h">QuickBooks</h2>
          <p>{s.credentials.accounting.message}</p>
          {s.qboRealmId ? <p>Company {s.qboRealmId}</p> : null}
          <form method="post" action={`${base}/qbo`}>
            <Csrf token={props.page.csrf} />
            <button type="submit">{s.qboConnected ? 'Reconnect to QuickBooks' : 'Connect to QuickBooks'}</button>
          </form>
          {s.qboConnected ? <a href={`${base}/disconnect/qbo`}>Disconnect QuickBooks…</a> : null}
        </section>
        <QbdCard
          page={props.page}
          connectionId={s.id}
          state={s.qbd}
          defaultAppUrl={props.defaultQbdAppUrl}
          errors={props.errors}
          values={props.values}
        />
        <section class="card" aria-labelledby="zuper-h">
          <h2 id="zuper-h">Zuper</h2>
          <p>{s.zuper.connected ? `Connected to company ${s.zuper.company ?? ''}.` : 'Not connected.'}</p>
          <form method="post" action={`${base}/zuper`}>
            <Csrf token={props.page.csrf} />
            <label for="company">Company login name</label>
            <input
              id="company"
              name="company"
              required
              value={props.values?.company ?? s.zuper.company ?? ''}
              aria-describedby="company-error"
            />
            <FieldError id="company-error" message={props.errors?.company} />
            <label for="apiKey">API key</label>
            <input id="apiKey" name="apiKey" type="password" required aria-describedby="apiKey-error" />
            <FieldError id="apiKey-error" message={props.errors?.apiKey} />
            <div>
              <button type="submit">Check the key and save</button>
            </div>
          </form>
          {s.zuper.connected ? <a href={`${base}/disconnect/zuper`}>Disconnect Zuper…</a> : null}
        </section>
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
