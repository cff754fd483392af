import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'hono/jsx/jsx-runtime';
import secureSession from '@fastify/secure-session';
import formbody from '@fastify/formbody';
import csrfProtection from '@fastify/csrf-protection';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../service/context.js';
import { publicBaseUrl } from '../config/public-url.js';
import { operatorToken } from '../security/operator-token.js';
import { routeAccess } from '../security/route-access.js';
import type { ChecksAnswer } from '../operator/contract/checks.js';
import type { Disconnected } from '../operator/contract/connect.js';
import { systemConsoles } from '../integrations/system-consoles.js';
import { formNumber } from '../integrations/system-console.js';
import { isSystem, systemLabel } from '../domain/systems.js';
import type { HistoryDetail, HistoryList } from '../operator/contract/history.js';
import type { RetryAnswer } from '../operator/contract/retry.js';
import type { RunAnswer } from '../operator/contract/runs.js';
import type { ScheduleAnswer } from '../operator/contract/schedule.js';
import type { ConnectionStatusView, StatusAnswer } from '../operator/contract/status.js';
import type { SettingsChoices } from '../service/settings-choices.js';
import { historyColumns, historyRow, withinDates, type HistoryFilters } from './history-rows.js';
import { ConnectionNav, Csrf, FieldError, Layout, Select, Text, type PageContext } from './layout.js';
import { operatorApi, type ApiFailure, type OperatorApi } from './operator-api.js';
import { ChecksPage } from './pages/checks.js';
import { ConfirmPage, ConnectionPage } from './pages/connection.js';
import { ConnectionsPage } from './pages/connections.js';
import { HistoryDetailPage, HistoryPage } from './pages/history.js';
import { LinkPage } from './pages/link.js';
import { LoginPage } from './pages/login.js';
import { ReconcilePage } from './pages/reconcile.js';
import { SettingsPage } from './pages/settings.js';
import { MessagePage } from './pages/message.js';
import {
  consoleCredentials,
  credentialsMatch,
  isFresh,
  oneTimeSignIns,
  sessionKey,
  sessionMaxAgeMs,
} from './session.js';

export const consoleCookie = 'qzsync_console';

export interface ConsoleHandle {
  /** In development: a single-use sign-in link (ten minutes); null elsewhere. */
  signInLink(): string | null;
  /** Why the console is off (production without CONSOLE_USERNAME and CONSOLE_PASSWORD), or null. */
  off: string | null;
}

type Form = Record<string, string | string[] | undefined>;
const field = (body: unknown, name: string): string => {
  const value = (body as Form | undefined)?.[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};
/** Whether the form had the field at all (an empty one was still posted). */
const posted = (body: unknown, name: string): boolean => (body as Form | undefined)?.[name] !== undefined;
const params = (request: FastifyRequest) => request.params as Record<string, string>;
const enc = encodeURIComponent;

async function render(reply: FastifyReply, element: JSX.Element, status = 200) {
  const html = await element;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n${String(html)}`);
}

/** An API refusal as messages per form field (the API names the field it refused); others under `fallback`. */
const fieldErrors = (error: ApiFailure, fallback = 'form') => ({
  [error.field ?? fallback]: `${error.message}${error.fix ? ` ${error.fix}` : ''}`,
});

/**
 * The web console under /console: server-rendered pages (hono's JSX) over the operator API, behind a sign-in.
 * Sessions live in an encrypted, HttpOnly, SameSite=Strict cookie; every form and state-changing request carries a
 * CSRF token checked against the session.
 */
export function registerConsole(app: FastifyInstance, ctx: AppContext): ConsoleHandle {
  const env = ctx.env;
  const credentials = consoleCredentials(env);
  const development = env.NODE_ENV === 'development';
  const baseUrl = publicBaseUrl(env);
  const token = operatorToken(env);
  const signIns = oneTimeSignIns();
  const consoles = systemConsoles.map((make) => make({ Csrf, FieldError, Layout, ConnectionNav, Select, Text }));
  const settingsParts = consoles.flatMap((system) => (system.settings ? [system.settings] : []));
  const renamed = settingsParts.reduce<Record<string, string>>((all, part) => ({ ...all, ...part.formFields }), {});
  /**
   * The settings form's field for a setting the API names by where it is stored (`field.defaultLocationUid`): the form
   * posts the older top-level names.
   */
  const formField = (stored: string | undefined): string | undefined =>
    (stored && renamed[stored]) ?? stored?.replace(/^(accounting|field)\./, '');
  const off =
    env.NODE_ENV === 'production' && !credentials
      ? 'The web console is off: set CONSOLE_USERNAME and CONSOLE_PASSWORD to serve it.'
      : null;

  void app.register(async (scope) => {
    routeAccess(scope, 'browser-session');
    if (off) {
      const refuse = (_request: FastifyRequest, reply: FastifyReply) =>
        render(reply, <MessagePage title="Console not configured" lines={[off]} />, 503);
      scope.get('/console', refuse);
      scope.get('/console/*', refuse);
      return;
    }
    await scope.register(secureSession, {
      key: sessionKey(token),
      cookieName: consoleCookie,
      expiry: sessionMaxAgeMs / 1000,
      cookie: { path: '/console', httpOnly: true, sameSite: 'strict', secure: baseUrl.startsWith('https:') },
    });
    await scope.register(formbody);
    await scope.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });

    scope.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, request, reply) => {
      if (error.code?.startsWith('FST_CSRF')) {
        request.log.warn({ reason: error.code }, 'console request refused');
        return render(
          reply,
          <MessagePage
            title="Request refused"
            lines={[
              'This form was not sent by the console (its security token is missing or wrong), so nothing changed.',
              'Go back, reload the page and try again.',
            ]}
          />,
          403,
        );
      }
      const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'console request failed');
      return render(
        reply,
        <MessagePage
          title="Something went wrong"
          lines={[status < 500 ? error.message : 'The console failed to show this page; see the service log.']}
        />,
        status,
      );
    });

    const publicPaths = /^\/console\/(login|sign-in\/[^/]+)$/;
    scope.addHook('onRequest', async (request, reply) => {
      if (publicPaths.test(request.url.split('?')[0] ?? '')) return;
      if (isFresh(request.session.get('user'))) return;
      if (request.session.get('user')) request.session.delete();
      if (request.method === 'GET') return reply.redirect('/console/login', 303);
      return render(reply, <MessagePage title="Signed out" lines={['Your session ended: sign in again.']} />, 401);
    });
    scope.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD') return done();
      scope.csrfProtection(request, reply, done);
    });

    const page = (request: FastifyRequest, reply: FastifyReply): PageContext => {
      const flash = request.session.get('flash') ?? null;
      if (flash) request.session.set('flash', undefined);
      return { user: request.session.get('user')?.name ?? null, csrf: reply.generateCsrf(), flash };
    };
    const apiOf = (_request: FastifyRequest): OperatorApi => operatorApi(app, token);
    const done = (request: FastifyRequest, reply: FastifyReply, message: string, to: string) => {
      request.session.set('flash', message);
      return reply.redirect(to, 303);
    };
    const failed = (request: FastifyRequest, reply: FastifyReply, error: ApiFailure, status: number) =>
      render(
        reply,
        <MessagePage
          title={status === 404 ? 'Not found' : 'Refused'}
          lines={[error.message, ...(error.fix ? [error.fix] : [])]}
          page={page(request, reply)}
        />,
        status,
      );

    // Sign-in and sign-out.
    const signIn = (request: FastifyRequest, name: string) => {
      request.session.regenerate();
      request.session.set('user', { name, role: 'operator', signedInAt: Date.now() });
    };
    scope.get('/console/login', (request, reply) =>
      render(reply, <LoginPage page={page(request, reply)} configured={credentials !== null} />),
    );
    scope.post('/console/login', (request, reply) => {
      const username = field(request.body, 'username');
      const password = field(request.body, 'password');
      if (credentials && credentialsMatch(credentials, username, password)) {
        signIn(request, username);
        request.log.info('console sign-in');
        return reply.redirect('/console', 303);
      }
      request.log.warn({ reason: 'wrong_credentials' }, 'console sign-in refused');
      return render(
        reply,
        <LoginPage
          page={page(request, reply)}
          configured={credentials !== null}
          username={username}
          error="Wrong user name or password."
        />,
        401,
      );
    });
    scope.get('/console/sign-in/:token', (request, reply) => {
      if (!development || !signIns.consume(params(request).token ?? '')) {
        return render(
          reply,
          <MessagePage
            title="Link not valid"
            lines={['This sign-in link was used, expired, or is not for this service. Sign in instead.']}
          />,
          403,
        );
      }
      signIn(request, 'developer');
      return reply.redirect('/console', 303);
    });
    scope.post('/console/logout', (request, reply) => {
      request.session.delete();
      return reply.redirect('/console/login', 303);
    });

    // Connections.
    const connectionsPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      values?: Record<string, string>,
    ) => {
      const answer = await apiOf(request)<StatusAnswer>('GET', '/status');
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      const connections = answer.body.connections;
      return render(
        reply,
        <ConnectionsPage page={page(request, reply)} connections={connections} errors={errors} values={values} />,
        errors ? 400 : 200,
      );
    };
    scope.get('/console', (request, reply) => connectionsPage(request, reply));
    scope.post('/console/connections', async (request, reply) => {
      const values = { id: field(request.body, 'id'), displayName: field(request.body, 'displayName') };
      const answer = await apiOf(request)('POST', '/connections', {
        id: values.id,
        ...(values.displayName ? { displayName: values.displayName } : {}),
      });
      if (!answer.ok) return connectionsPage(request, reply, fieldErrors(answer.error, 'id'), values);
      return done(
        request,
        reply,
        `Connection "${values.id}" added: connect both systems.`,
        `/console/c/${enc(values.id)}`,
      );
    });

    const connectionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      values?: Record<string, string>,
    ) => {
      const id = params(request).id ?? '';
      const answer = await apiOf(request)<ConnectionStatusView>('GET', `/connections/${enc(id)}/status`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      return render(
        reply,
        <ConnectionPage
          page={page(request, reply)}
          status={answer.body}
          systems={consoles}
          baseUrl={baseUrl}
          errors={errors}
          values={values}
        />,
        errors ? 400 : 200,
      );
    };
    scope.get('/console/c/:id', connectionPage);
    const consoleTools = {
      scope,
      baseUrl,
      render,
      page,
      api: operatorApi(app, token),
      failed,
      done,
      connectionPage,
      field,
      fieldErrors,
    };
    for (const system of consoles) system.register(consoleTools);
    scope.get('/console/c/:id/disconnect/:system', (request, reply) => {
      const { id = '', system = '' } = params(request);
      const name = isSystem(system) ? systemLabel(system) : null;
      if (!name) return failed(request, reply, { code: 'not_found', message: 'No such system.' }, 404);
      return render(
        reply,
        <ConfirmPage
          page={page(request, reply)}
          title={`Disconnect ${name}?`}
          question={`Connection "${id}" stops syncing with ${name} until it is connected again.`}
          action={`/console/c/${enc(id)}/disconnect/${system}`}
          back={`/console/c/${enc(id)}`}
          button={`Disconnect ${name}`}
        />,
      );
    });
    scope.post('/console/c/:id/disconnect/:system', async (request, reply) => {
      const { id = '', system = '' } = params(request);
      if (!isSystem(system)) return failed(request, reply, { code: 'not_found', message: 'No such system.' }, 404);
      const answer = await apiOf(request)<Disconnected>('DELETE', `/connections/${enc(id)}/${system}`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      const said = [...answer.body.done, ...answer.body.warnings].join(' ');
      return done(request, reply, `${systemLabel(system)} disconnected. ${said}`, `/console/c/${enc(id)}`);
    });

    // Settings.
    const settingsPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      values?: Record<string, string>,
    ) => {
      const id = params(request).id ?? '';
      const api = apiOf(request);
      const [status, choices] = await Promise.all([
        api<ConnectionStatusView>('GET', `/connections/${enc(id)}/status`),
        api<SettingsChoices>('GET', `/connections/${enc(id)}/settings/choices`),
      ]);
      if (!status.ok) return failed(request, reply, status.error, status.status);
      if (!choices.ok) return failed(request, reply, choices.error, choices.status);
      return render(
        reply,
        <SettingsPage
          page={page(request, reply)}
          connectionId={id}
          settings={status.body.settings}
          names={status.body.names}
          choices={choices.body}
          systems={consoles}
          errors={errors}
          values={values}
        />,
        errors ? 400 : 200,
      );
    };
    scope.get('/console/c/:id/settings', (request, reply) => settingsPage(request, reply));
    scope.post('/console/c/:id/settings', async (request, reply) => {
      const id = params(request).id ?? '';
      const names = [
        'productMaster',
        'defaultLocationUid',
        'minQuantity',
        'nonInventoryQuantity',
        'reconcileEvery',
        ...settingsParts.flatMap((part) => part.fields),
      ];
      const values = Object.fromEntries(names.map((n) => [n, field(request.body, n)]));
      const form = {
        values,
        filled: (prefix: string) =>
          Object.fromEntries(
            names
              .filter((n) => n.startsWith(prefix) && values[n])
              .map((n) => [n.slice(prefix.length), values[n] ?? '']),
          ),
        posted: (name: string) => posted(request.body, name),
      };
      // The form's text becomes the API's body; the API's schema decides what is valid, and saves all or nothing. A
      // system's fields are on the form only when it is the connection's: the others add nothing.
      const change = {
        productMaster: values.productMaster,
        defaultLocationUid: values.defaultLocationUid,
        minQuantity: formNumber(values.minQuantity ?? ''),
        nonInventoryQuantity: formNumber(values.nonInventoryQuantity ?? ''),
        reconcileEvery: values.reconcileEvery,
        ...settingsParts.reduce<Record<string, unknown>>((all, part) => ({ ...all, ...part.change(form) }), {}),
      };
      const answer = await apiOf(request)('PUT', `/connections/${enc(id)}/settings`, change);
      if (!answer.ok) {
        if (answer.status === 404) return failed(request, reply, answer.error, 404);
        return settingsPage(
          request,
          reply,
          fieldErrors({ ...answer.error, field: formField(answer.error.field) }),
          values,
        );
      }
      return done(
        request,
        reply,
        'Settings saved; the reconciliation schedule follows them.',
        `/console/c/${enc(id)}/settings`,
      );
    });

    // Prerequisites.
    scope.get('/console/c/:id/checks', async (request, reply) => {
      const id = params(request).id ?? '';
      const answer = await apiOf(request)<ChecksAnswer>('GET', `/connections/${enc(id)}/checks`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      return render(reply, <ChecksPage page={page(request, reply)} connectionId={id} checks={answer.body} />);
    });

    // Linking.
    const linkPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: { dryRun?: RunAnswer; errors?: Record<string, string>; values?: Record<string, string> } = {},
    ) => {
      const id = params(request).id ?? '';
      const query = request.query as Record<string, string | undefined>;
      let run: RunAnswer | undefined;
      if (query.run) {
        const runId = query.runId ? `&runId=${enc(query.runId)}` : '';
        const answer = await apiOf(request)<RunAnswer>('GET', `/runs/${enc(query.run)}?waitMs=1000${runId}`);
        if (!answer.ok) return failed(request, reply, answer.error, answer.status);
        run = answer.body;
      }
      const dry = extra.dryRun;
      return render(
        reply,
        <LinkPage
          page={page(request, reply)}
          connectionId={id}
          dryRun={dry?.state === 'completed' && dry.kind === 'link' ? dry.result : undefined}
          run={run}
          errors={extra.errors}
          values={extra.values}
        />,
        extra.errors ? 400 : 200,
      );
    };
    scope.get('/console/c/:id/link', (request, reply) => linkPage(request, reply));
    scope.post('/console/c/:id/link/dry-run', async (request, reply) => {
      const id = params(request).id ?? '';
      const answer = await apiOf(request)<RunAnswer>('POST', `/connections/${enc(id)}/link?waitMs=30000`, {
        dryRun: true,
      });
      if (!answer.ok) return linkPage(request, reply, { errors: fieldErrors(answer.error) });
      if (answer.body.state === 'failed') {
        const f = answer.body.failure;
        return linkPage(request, reply, { errors: { form: `${f.explanation} ${f.fix ?? ''}` } });
      }
      return linkPage(request, reply, { dryRun: answer.body });
    });
    scope.post('/console/c/:id/link', async (request, reply) => {
      const id = params(request).id ?? '';
      const answer = await apiOf(request)<RunAnswer>('POST', `/connections/${enc(id)}/link?waitMs=0`, {
        dryRun: false,
      });
      if (!answer.ok) return linkPage(request, reply, { errors: fieldErrors(answer.error) });
      const { workflowId, runId } = answer.body;
      return reply.redirect(`/console/c/${enc(id)}/link?run=${enc(workflowId)}&runId=${enc(runId)}`, 303);
    });
    scope.post('/console/c/:id/items/link', async (request, reply) => {
      const id = params(request).id ?? '';
      const values = {
        accountingItemId: field(request.body, 'accountingItemId'),
        fieldItemId: field(request.body, 'fieldItemId'),
      };
      const answer = await apiOf(request)<{ summary: string }>(
        'POST',
        `/connections/${enc(id)}/items/${enc(values.accountingItemId || '-')}/link`,
        { fieldItemId: values.fieldItemId },
      );
      if (!answer.ok) {
        return linkPage(request, reply, { errors: fieldErrors(answer.error, 'accountingItemId'), values });
      }
      return done(request, reply, answer.body.summary, `/console/c/${enc(id)}/link`);
    });
    scope.post('/console/c/:id/items/unlink', async (request, reply) => {
      const id = params(request).id ?? '';
      const accountingItemId = field(request.body, 'accountingItemId');
      const answer = await apiOf(request)<{ summary: string }>(
        'DELETE',
        `/connections/${enc(id)}/items/${enc(accountingItemId || '-')}/link`,
      );
      if (!answer.ok) return linkPage(request, reply, { errors: fieldErrors(answer.error, 'unlink') });
      return done(request, reply, answer.body.summary, `/console/c/${enc(id)}/link`);
    });

    // History.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
    const historyOf = async (request: FastifyRequest) => {
      const id = params(request).id ?? '';
      const q = request.query as Record<string, string | undefined>;
      const filters: HistoryFilters = {};
      for (const key of ['item', 'kind', 'status', 'from', 'to'] as const) if (q[key]) filters[key] = q[key];
      const search = new URLSearchParams({ limit: '500' });
      for (const key of ['item', 'kind', 'status'] as const) if (filters[key]) search.set(key, filters[key]);
      const answer = await apiOf(request)<HistoryList>('GET', `/connections/${enc(id)}/history?${search.toString()}`);
      if (!answer.ok) {
        if (answer.status === 404) return { id, filters, notFound: answer.error, entries: [] };
        return { id, filters, error: answer.error.message, entries: [] };
      }
      const { names } = answer.body;
      // The dates filter the rows here; the API is asked anyway for the names of the connection's systems.
      const bad = (['from', 'to'] as const).find((k) => filters[k] && !dateOnly.test(filters[k]));
      if (bad) return { id, filters, names, error: `${bad}: a date such as 2026-01-31`, entries: [] };
      return { id, filters, names, entries: withinDates(answer.body.entries, filters) };
    };
    scope.get('/console/c/:id/history', async (request, reply) => {
      const h = await historyOf(request);
      if (h.notFound) return failed(request, reply, h.notFound, 404);
      return render(
        reply,
        <HistoryPage
          page={page(request, reply)}
          connectionId={h.id}
          filters={h.filters}
          names={h.names}
          entries={h.entries}
          error={h.error}
        />,
        h.error ? 400 : 200,
      );
    });
    scope.get('/console/c/:id/history.csv', async (request, reply) => {
      const h = await historyOf(request);
      if (h.notFound) return failed(request, reply, h.notFound, 404);
      if (h.error) return failed(request, reply, { code: 'invalid_input', message: h.error }, 400);
      const csv = stringify(h.entries.map(historyRow), { header: true, columns: [...historyColumns] });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="history-${h.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    });
    const ui = `http://127.0.0.1:${env.TEMPORAL_UI_PORT}/namespaces/${enc(env.TEMPORAL_NAMESPACE)}/workflows`;
    scope.get('/console/history/:hid', async (request, reply) => {
      const answer = await apiOf(request)<HistoryDetail>('GET', `/history/${enc(params(request).hid ?? '')}`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      const e = answer.body;
      const link = e.workflowId ? `${ui}/${enc(e.workflowId)}${e.runId ? `/${enc(e.runId)}` : ''}/history` : null;
      return render(reply, <HistoryDetailPage page={page(request, reply)} entry={e} temporalUiUrl={link} />);
    });
    scope.post('/console/history/:hid/retry', async (request, reply) => {
      const hid = params(request).hid ?? '';
      const answer = await apiOf(request)<RetryAnswer>('POST', `/history/${enc(hid)}/retry`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      return done(request, reply, `Retry started: ${answer.body.description}`, `/console/history/${enc(hid)}`);
    });

    // Reconciliation.
    scope.get('/console/c/:id/reconcile', async (request, reply) => {
      const id = params(request).id ?? '';
      const api = apiOf(request);
      const [status, list] = await Promise.all([
        api<ConnectionStatusView>('GET', `/connections/${enc(id)}/status`),
        api<HistoryList>('GET', `/connections/${enc(id)}/history?kind=reconcile&limit=5`),
      ]);
      if (!status.ok) return failed(request, reply, status.error, status.status);
      const entries = list.ok ? list.body.entries : [];
      const details = await Promise.all(entries.map((e) => api<HistoryDetail>('GET', `/history/${e.id}`)));
      const reports = details.flatMap((d) => (d.ok ? [d.body] : []));
      const schedule = status.body.schedule;
      return render(
        reply,
        <ReconcilePage
          page={page(request, reply)}
          connectionId={id}
          schedule={schedule}
          scheduleProblem={status.body.scheduleProblem}
          reports={reports}
          running={(schedule?.runningWorkflowIds.length ?? 0) > 0 || entries.some((e) => e.status === 'started')}
        />,
      );
    });
    scope.post('/console/c/:id/reconcile/:action', async (request, reply) => {
      const { id = '', action = '' } = params(request);
      const answer = await apiOf(request)<ScheduleAnswer>('POST', `/connections/${enc(id)}/schedule/${enc(action)}`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      const said = { pause: 'Schedule paused.', resume: 'Schedule resumed.', trigger: 'Reconciliation started.' };
      return done(
        request,
        reply,
        said[answer.body.action as keyof typeof said] ?? 'Done.',
        `/console/c/${enc(id)}/reconcile`,
      );
    });
  });

  return {
    off,
    signInLink: () => (development && !off ? `${baseUrl}/console/sign-in/${signIns.issue()}` : null),
  };
}
