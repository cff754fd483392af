import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsolePageContext, ConsoleKit, ConsoleSettingsPart, SystemConsoleOf } from '../system-console.js';
import { qbdAccountRoles } from './accounts.js';
import type { QbdAccountSetting } from './connection-settings.js';
import { formNumber } from '../system-console.js';
import type { QbdConnected, QbdConnectorFile, QbdConnectorStateView } from './operator-contract.js';

const utc = (iso: string) => `${new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`;

/** Where the .qwc file of a connection downloads from, with the AppURL and run interval the connection keeps. */
const qwcDownloadPath = (connectionId: string) => `/console/c/${encodeURIComponent(connectionId)}/qbd.qwc`;

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
function QwcFields(props: {
  kit: ConsoleKit;
  prefix: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { FieldError } = props.kit;
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
function QbdCard(props: {
  kit: ConsoleKit;
  page: ConsolePageContext;
  status: QbdConsoleStatus;
  baseUrl: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { Csrf, FieldError } = props.kit;
  const s = props.status.qbd;
  const connectionId = props.status.id;
  const base = `/console/c/${encodeURIComponent(connectionId)}`;
  const kept = {
    // Where the Web Connector reaches this service, unless the operator says otherwise.
    appUrl: s?.qwc.appUrl ?? `${props.baseUrl}/qbwc`,
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
            <a href={qwcDownloadPath(connectionId)}>Download the .qwc file</a>
          </p>
          <form method="post" action={`${base}/qbd.qwc`}>
            <Csrf token={props.page.csrf} />
            <input type="hidden" name="form" value="qwc" />
            <QwcFields kit={props.kit} prefix="qwc" values={valuesOf('qwc')} errors={errorsOf('qwc')} />
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
        <QwcFields kit={props.kit} prefix="qbd" values={valuesOf('qbd')} errors={errorsOf('qbd')} />
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
function QbdConnectedPage(props: { kit: ConsoleKit; page: ConsolePageContext; connected: QbdConnected }) {
  const { Layout, ConnectionNav } = props.kit;
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

/** What QuickBooks Desktop's card reads of the connection's status answer: its Web Connector's state. */
export interface QbdConsoleStatus {
  id: string;
  qbd: QbdConnectorStateView | null;
}

/** The .qwc fields of a QuickBooks Desktop form, as typed. */
const qwcValues = (field: (name: string) => string) => ({
  appUrl: field('appUrl'),
  runEvery: field('runEvery'),
  runEveryUnit: field('runEveryUnit') === 'seconds' ? 'seconds' : 'minutes',
});

/** What the operator API takes from those fields: each one typed (the API says what is wrong with it). */
const qwcBody = (values: ReturnType<typeof qwcValues>) => ({
  ...(values.appUrl ? { appUrl: values.appUrl } : {}),
  ...(values.runEvery
    ? { [values.runEveryUnit === 'seconds' ? 'runEverySeconds' : 'runEveryMinutes']: formNumber(values.runEvery) }
    : {}),
});

const accountSettings = Object.keys(qbdAccountRoles) as QbdAccountSetting[];

/** Its settings on the form: each account by its full name, and the inventory site. */
const qbdSettingsPart = ({ Text }: ConsoleKit): ConsoleSettingsPart => ({
  fields: [...accountSettings.map((key) => `qbdAccounts.${key}`), 'qbdSite'],
  Fields: ({ value: v, errors: e, current, names }) => {
    const qbd = current?.system === 'qbd' ? current : undefined;
    const { accounting, field } = names;
    return (
      <>
        <fieldset>
          <legend>{accounting.system} accounts</legend>
          <p>
            Each account by its full name (a subaccount as Parent:Child). Empty: unchanged; one never set is the
            standard account for its role (non-inventory and service items: the income account).
          </p>
          {accountSettings.map((key) => (
            <Text
              name={`qbdAccounts.${key}`}
              label={`${accounting.system} ${qbdAccountRoles[key].label}`}
              value={v(`qbdAccounts.${key}`, qbd?.accounts[key])}
              error={e[`qbdAccounts.${key}`]}
            />
          ))}
        </fieldset>
        <Text
          name="qbdSite"
          label={`${accounting.system} inventory site`}
          value={v('qbdSite', qbd?.site)}
          hint={`Empty: the site named as the default ${field.system} location, else ${accounting.system}'s default site.`}
          error={e.qbdSite}
        />
      </>
    );
  },
  change: ({ values, filled, posted }) => {
    const qbdAccounts = filled('qbdAccounts.');
    return {
      ...(Object.keys(qbdAccounts).length ? { qbdAccounts } : {}),
      // The site's field sent empty unsets it.
      ...(posted('qbdSite') ? { qbdSite: values.qbdSite } : {}),
    };
  },
});

/**
 * QuickBooks Desktop in the console: its card (a Web Connector login, the .qwc file's settings), the page that shows
 * the password once, and the .qwc file's download.
 */
export const qbdConsole: SystemConsoleOf<QbdConsoleStatus> = (kit) => ({
  system: 'qbd',
  Card: (props) => <QbdCard kit={kit} {...props} />,
  register: ({ scope, api, render, page, failed, connectionPage, field, fieldErrors }) => {
    const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).id ?? '';
    const enc = encodeURIComponent;
    scope.post('/console/c/:id/qbd', async (request, reply) => {
      const id = idOf(request);
      const typed = (name: string) => field(request.body, name);
      const values = { form: 'qbd', username: typed('username'), ...qwcValues(typed) };
      const answer = await api<QbdConnected>('POST', `/connections/${enc(id)}/qbd`, {
        ...(values.username ? { username: values.username } : {}),
        ...qwcBody(values),
      });
      if (!answer.ok) {
        if (answer.status === 404) return failed(request, reply, answer.error, 404);
        return connectionPage(request, reply, fieldErrors(answer.error, 'username'), values);
      }
      request.log.info({ connectionId: id }, 'console connected QuickBooks Desktop');
      // Rendered, not redirected: the password is in this answer alone (never in the session or a URL).
      return render(reply, <QbdConnectedPage kit={kit} page={page(request, reply)} connected={answer.body} />);
    });
    /** The .qwc file as an attachment: an XML document the Web Connector opens by its name, never shown. */
    const sendQwc = (reply: FastifyReply, file: QbdConnectorFile) =>
      reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.qwc);
    scope.get('/console/c/:id/qbd.qwc', async (request, reply) => {
      const answer = await api<QbdConnectorFile>('GET', `/connections/${enc(idOf(request))}/qbd/qwc`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      return sendQwc(reply, answer.body);
    });
    scope.post('/console/c/:id/qbd.qwc', async (request, reply) => {
      const values = { form: 'qwc', ...qwcValues((name) => field(request.body, name)) };
      const answer = await api<QbdConnectorFile>('PUT', `/connections/${enc(idOf(request))}/qbd/qwc`, qwcBody(values));
      if (!answer.ok) {
        if (answer.status === 404 || answer.status === 409) return failed(request, reply, answer.error, answer.status);
        return connectionPage(request, reply, fieldErrors(answer.error, 'appUrl'), values);
      }
      request.log.info(
        { connectionId: idOf(request) },
        'console saved the QuickBooks Desktop Web Connector file settings',
      );
      return sendQwc(reply, answer.body);
    });
  },
  settings: qbdSettingsPart(kit),
});
