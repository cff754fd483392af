import type { ConnectionStatusView } from '../../operator/contract/status.js';
import { Csrf, FieldError, Layout, TableRegion, type PageContext } from '../layout.js';

const yesNo = (ok: boolean, yes: string, no: string) => <span class={ok ? 'ok' : 'bad'}>{ok ? yes : no}</span>;

/** Whether a side's credentials still work, and how they stand when they do not. */
const authorised = (t: ConnectionStatusView['credentials']['accounting']) =>
  yesNo(
    t.level === 'ok' || t.level === 'warning',
    'authorised',
    t.level === 'not-connected' ? 'not connected' : t.level,
  );

function tokenLeft(c: ConnectionStatusView) {
  const days = c.credentials.accounting.daysLeft;
  if (days === null) return '—';
  return `${Math.floor(days)} days (refresh token; reconnect within the 5-year cap)`;
}

function lastReconciliation(c: ConnectionStatusView) {
  const last = c.lastReconciliation;
  if (!last) return 'never';
  return `${new Date(last.startedAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC — ${last.status}: ${last.summary}`;
}

export function ConnectionsPage(props: {
  page: PageContext;
  connections: ConnectionStatusView[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  return (
    <Layout title="Connections" page={props.page}>
      <TableRegion label="Connections">
        <table>
          <caption>Each connection: one accounting company and one field service company.</caption>
          <thead>
            <tr>
              <th scope="col">Connection</th>
              <th scope="col">Accounting</th>
              <th scope="col">Token time left</th>
              <th scope="col">Field service</th>
              <th scope="col">Last reconciliation</th>
              <th scope="col">Open failures</th>
            </tr>
          </thead>
          <tbody>
            {props.connections.map((c) => (
              <tr>
                <td>
                  <a href={`/console/c/${encodeURIComponent(c.id)}`}>{c.displayName}</a> ({c.id})
                </td>
                <td>{authorised(c.credentials.accounting)}</td>
                <td>{tokenLeft(c)}</td>
                <td>{authorised(c.credentials.field)}</td>
                <td>{lastReconciliation(c)}</td>
                <td>
                  <a href={`/console/c/${encodeURIComponent(c.id)}/history?status=failed`}>{c.openFailures.length}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>Add a connection</h2>
      <form method="post" action="/console/connections">
        <Csrf token={props.page.csrf} />
        <label for="id">Connection id</label>
        <input id="id" name="id" required value={props.values?.id ?? ''} aria-describedby="id-error" />
        <FieldError id="id-error" message={props.errors?.id} />
        <label for="displayName">Name</label>
        <input id="displayName" name="displayName" value={props.values?.displayName ?? ''} />
        <FieldError id="displayName-error" message={props.errors?.displayName} />
        <div>
          <button type="submit">Add connection</button>
        </div>
      </form>
    </Layout>
  );
}
