import type { QbdConnected, QbdConnectorStateView } from '../../operator/contract/connect.js';
import { ConnectionNav, Csrf, FieldError, Layout, type PageContext } from '../layout.js';

const utc = (iso: string) => `${new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`;

/** Where the .qwc file of a connection downloads from, for this AppURL and run interval. */
export const qwcDownloadPath = (connectionId: string, appUrl: string, runEveryMinutes: string) =>
  `/console/c/${encodeURIComponent(connectionId)}/qbd.qwc?${new URLSearchParams({ appUrl, runEveryMinutes }).toString()}`;

/** The fields a .qwc file takes besides the login: where the Web Connector calls and how often. */
function QwcFields(props: { prefix: string; appUrl: string; every: string; errors?: Record<string, string> }) {
  const p = props.prefix;
  return (
    <>
      <label for={`${p}-appUrl`}>Web Connector address (AppURL)</label>
      <input id={`${p}-appUrl`} name="appUrl" required value={props.appUrl} aria-describedby={`${p}-appUrl-error`} />
      <FieldError id={`${p}-appUrl-error`} message={props.errors?.appUrl} />
      <label for={`${p}-every`}>Run every (minutes)</label>
      <input
        id={`${p}-every`}
        name="runEveryMinutes"
        type="number"
        min="1"
        max="1440"
        required
        value={props.every}
        aria-describedby={`${p}-every-error`}
      />
      <FieldError id={`${p}-every-error`} message={props.errors?.runEveryMinutes} />
    </>
  );
}

/**
 * QuickBooks Desktop on the connection's page: connecting it (a Web Connector login and its .qwc file), what the store
 * knows of its Web Connector, the .qwc file again, and disconnecting.
 */
export function QbdCard(props: {
  page: PageContext;
  connectionId: string;
  state: QbdConnectorStateView | null;
  defaultAppUrl: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const s = props.state;
  const base = `/console/c/${encodeURIComponent(props.connectionId)}`;
  const appUrl = props.values?.appUrl ?? props.defaultAppUrl;
  const every = props.values?.runEveryMinutes ?? '15';
  return (
    <section class="card" aria-labelledby="qbd-h">
      <h2 id="qbd-h">QuickBooks Desktop</h2>
      {s?.connected ? (
        <>
          <p>Connected: the Web Connector signs in as {s.username}.</p>
          <h3>Web Connector</h3>
          <ul>
            <li>
              Last session:{' '}
              {s.lastSession
                ? `${utc(s.lastSession.startedAt)}${s.lastSession.endedAt ? '' : ' (still open)'}`
                : 'none yet: add the .qwc file to the Web Connector and type the password there'}
            </li>
            <li>Requests waiting for the next session: {s.waiting}</li>
            <li>
              Last error:{' '}
              {s.lastError ? `${s.lastError.message} (session of ${utc(s.lastError.sessionStartedAt)})` : 'none'}
            </li>
          </ul>
          <form method="get" action={`${base}/qbd.qwc`}>
            <QwcFields prefix="qwc" appUrl={appUrl} every={every} />
            <div>
              <button type="submit">Download the .qwc file</button>
            </div>
          </form>
          <a href={`${base}/disconnect/qbd`}>Disconnect QuickBooks Desktop…</a>
        </>
      ) : (
        <p>Not connected.</p>
      )}
      <form method="post" action={`${base}/qbd`}>
        <Csrf token={props.page.csrf} />
        <label for="qbd-username">Web Connector user name (optional)</label>
        <input
          id="qbd-username"
          name="username"
          value={props.values?.username ?? s?.username ?? ''}
          aria-describedby="qbd-username-error"
        />
        <FieldError id="qbd-username-error" message={props.errors?.username} />
        <QwcFields prefix="qbd" appUrl={appUrl} every={every} errors={props.errors} />
        <FieldError id="qbd-error" message={props.errors?.qbd} />
        <div>
          <button type="submit">
            {s?.connected ? 'Connect QuickBooks Desktop again (new password)' : 'Connect QuickBooks Desktop'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The Web Connector login just issued: the password is shown here once, beside its .qwc file. */
export function QbdConnectedPage(props: { page: PageContext; connected: QbdConnected; runEveryMinutes: string }) {
  const c = props.connected;
  return (
    <Layout title="QuickBooks Desktop connected" page={props.page}>
      <ConnectionNav id={c.connectionId} current="" />
      <p>
        Add the application to the QuickBooks Web Connector on the QuickBooks computer: download the .qwc file, open it
        there (Add an application), and type this password when the Web Connector asks for it. The password is shown
        only on this page; connecting again replaces it.
      </p>
      <dl>
        <dt>User name</dt>
        <dd id="qbd-connected-username">{c.username}</dd>
        <dt>Password</dt>
        <dd id="qbd-connected-password">
          <code>{c.password}</code>
        </dd>
        <dt>The Web Connector calls</dt>
        <dd>{c.appUrl}</dd>
      </dl>
      <p>
        <a href={qwcDownloadPath(c.connectionId, c.appUrl, props.runEveryMinutes)} download={c.fileName}>
          Download {c.fileName}
        </a>
      </p>
      <p>
        <a href={`/console/c/${encodeURIComponent(c.connectionId)}`}>Back to the connection</a>
      </p>
    </Layout>
  );
}
