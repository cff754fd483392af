import type { QbdConnected, QbdConnectorStateView } from '../../integrations/system-contracts.js';
import { ConnectionNav, Csrf, FieldError, Layout, type PageContext } from '../layout.js';

const utc = (iso: string) => `${new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`;

/** Where the .qwc file of a connection downloads from, with the AppURL and run interval the connection keeps. */
export const qwcDownloadPath = (connectionId: string) => `/console/c/${encodeURIComponent(connectionId)}/qbd.qwc`;

/** A run interval in seconds as the form shows it: whole minutes in minutes, else seconds. */
export function intervalFields(seconds: number): { runEvery: string; runEveryUnit: 'minutes' | 'seconds' } {
  return seconds % 60 === 0
    ? { runEvery: String(seconds / 60), runEveryUnit: 'minutes' }
    : { runEvery: String(seconds), runEveryUnit: 'seconds' };
}

/** A run interval in words. */
export const intervalText = (seconds: number): string => {
  const { runEvery, runEveryUnit } = intervalFields(seconds);
  return `${runEvery} ${runEvery === '1' ? runEveryUnit.slice(0, -1) : runEveryUnit}`;
};

const defaultRunEverySeconds = 15 * 60;

/** The fields a .qwc file takes besides the login: where the Web Connector calls and how often. */
function QwcFields(props: { prefix: string; values: Record<string, string>; errors?: Record<string, string> }) {
  const p = props.prefix;
  const v = props.values;
  return (
    <>
      <label for={`${p}-appUrl`}>Web Connector address (AppURL)</label>
      <input id={`${p}-appUrl`} name="appUrl" required value={v.appUrl} aria-describedby={`${p}-appUrl-error`} />
      <FieldError id={`${p}-appUrl-error`} message={props.errors?.appUrl} />
      <label for={`${p}-every`}>Run every</label>
      <input
        id={`${p}-every`}
        name="runEvery"
        type="number"
        min="1"
        max="86400"
        required
        value={v.runEvery}
        aria-describedby={`${p}-every-error`}
      />
      <label for={`${p}-every-unit`}>
        Unit (seconds only through the .qwc file; the Web Connector shows "Real Time")
      </label>
      <select id={`${p}-every-unit`} name="runEveryUnit">
        <option value="minutes" selected={v.runEveryUnit !== 'seconds'}>
          minutes
        </option>
        <option value="seconds" selected={v.runEveryUnit === 'seconds'}>
          seconds
        </option>
      </select>
      <FieldError
        id={`${p}-every-error`}
        message={props.errors?.runEveryMinutes ?? props.errors?.runEverySeconds ?? props.errors?.runEvery}
      />
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
  const kept = {
    appUrl: s?.qwc.appUrl ?? props.defaultAppUrl,
    ...intervalFields(s?.qwc.runEverySeconds ?? defaultRunEverySeconds),
  };
  // What was typed into the form that was refused, else what the connection keeps.
  const valuesOf = (form: string) => (props.values?.form === form ? { ...kept, ...props.values } : kept);
  const errorsOf = (form: string) => (props.values?.form === form ? props.errors : undefined);
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
          <p id="qbd-qwc-now">
            The Web Connector calls {kept.appUrl} every {intervalText(s.qwc.runEverySeconds ?? defaultRunEverySeconds)}.
          </p>
          <p>
            <a href={qwcDownloadPath(props.connectionId)}>Download the .qwc file</a>
          </p>
          <form method="post" action={`${base}/qbd.qwc`}>
            <Csrf token={props.page.csrf} />
            <input type="hidden" name="form" value="qwc" />
            <QwcFields prefix="qwc" values={valuesOf('qwc')} errors={errorsOf('qwc')} />
            <div>
              <button type="submit">Save and download the .qwc file</button>
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
          value={(props.values?.form === 'qbd' ? props.values.username : undefined) ?? s?.username ?? ''}
          aria-describedby="qbd-username-error"
        />
        <FieldError id="qbd-username-error" message={errorsOf('qbd')?.username} />
        <input type="hidden" name="form" value="qbd" />
        <QwcFields prefix="qbd" values={valuesOf('qbd')} errors={errorsOf('qbd')} />
        <FieldError id="qbd-error" message={errorsOf('qbd')?.qbd} />
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
export function QbdConnectedPage(props: { page: PageContext; connected: QbdConnected }) {
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
        <dt>Every</dt>
        <dd>{intervalText(c.runEverySeconds)}</dd>
      </dl>
      <p>
        <a href={qwcDownloadPath(c.connectionId)} download={c.fileName}>
          Download {c.fileName}
        </a>
      </p>
      <p>
        <a href={`/console/c/${encodeURIComponent(c.connectionId)}`}>Back to the connection</a>
      </p>
    </Layout>
  );
}
