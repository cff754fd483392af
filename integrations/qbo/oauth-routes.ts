import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { connectionIdSchema, storableText } from '../../domain/input-rules.js';
import { publicBaseUrl } from '../../config/public-url.js';
import { browserSessionSetCookie, newBrowserSession, readBrowserSession } from '../../security/browser-session.js';
import { connectTicketsFromEnv } from '../../security/connect-ticket.js';
import { sendPage } from '../../security/html-page.js';
import type { SystemRouteDeps, SystemRoutes } from '../system-routes.js';
import { QboAuthError } from './errors.js';
import { explainError } from './explain-error.js';
import { createQboOAuth } from './oauth.js';
import { connectionOfRealm, qboRealmOf, saveQboTokens } from './credentials.js';

const connectQuery = z.object({ connection: connectionIdSchema, ticket: storableText(100).optional() });
// The state is ours (base64url); Intuit's realm ids are digits.
const callbackQuery = z.looseObject({
  state: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
  realmId: z
    .string()
    .regex(/^\d{1,32}$/)
    .optional(),
});
const reconnectQuery = z.looseObject({ realmId: z.string().regex(/^\d{1,64}$/) });

const startAgain = 'Start again with the connect link for this connection (qzsync prints it), in this same browser.';

/**
 * QuickBooks OAuth: `/oauth/qbo/connect` starts the flow with a single-use state bound to a browser-session cookie;
 * `/oauth/qbo/callback` checks both, exchanges the code and stores the tokens sealed. `/oauth/qbo/reconnect` is the
 * Reconnect URL registered with Intuit: it restarts the flow for the connection that already owns the company.
 */
export const qboOAuthRoutes: SystemRoutes = (deps) => {
  const oauth = createQboOAuth(deps.apps.qbo);
  const secureCookie = publicBaseUrl(deps.env).startsWith('https:');
  const tickets = connectTicketsFromEnv(deps.env);

  /** Sends the browser to Intuit's consent page with a fresh state for `connectionId`. */
  const startAuthorisation = async (request: FastifyRequest, reply: FastifyReply, connectionId: string) => {
    // Reusing a session already in this browser keeps a flow started in another tab valid.
    const session = readBrowserSession(request.headers.cookie) ?? newBrowserSession();
    const state = await deps.store.oauthStates.issue(connectionId, session);
    request.log.info({ connectionId }, 'QuickBooks authorisation started');
    return reply
      .header('set-cookie', browserSessionSetCookie(session, { secure: secureCookie, maxAgeSeconds: 3600 }))
      .redirect(oauth.authorizeUrl(state), 302);
  };

  return (instance, _options, done) => {
    instance.get('/oauth/qbo/connect', { config: { access: 'public' } }, async (request, reply) => {
      const query = connectQuery.safeParse(request.query);
      if (!query.success) {
        return sendPage(reply, 400, 'Which connection?', ['Open this page as /oauth/qbo/connect?connection=<id>.']);
      }
      const connection = await deps.store.connections.find(query.data.connection);
      if (!connection) {
        return sendPage(reply, 404, 'Unknown connection', [
          `There is no connection "${query.data.connection}". Create it with the qzsync CLI first.`,
        ]);
      }
      if (!tickets.verify(connection.id, query.data.ticket)) {
        request.log.warn(
          { connectionId: connection.id, reason: 'ticket_rejected' },
          'QuickBooks authorisation refused',
        );
        return sendPage(reply, 403, 'This connect link is not valid', [
          'The link is incomplete, was issued for another connection, or is more than an hour old, so nothing was started.',
          'Get a fresh link with `qzsync connect qbo <connection>` and open it in the browser you will sign in with.',
        ]);
      }
      return startAuthorisation(request, reply, connection.id);
    });

    // No connect ticket here: Intuit sends whoever clicks "Reconnect" in QuickBooks. That is safe because the flow
    // is bound to the connection already owning this company, and the callback refuses any other company, so only
    // someone who can consent for this very company can complete it, and all it does is renew that company's tokens.
    instance.get('/oauth/qbo/reconnect', { config: { access: 'public' } }, async (request, reply) => {
      const query = reconnectQuery.safeParse(request.query);
      const connectionId = query.success ? await connectionOfRealm(deps.store, query.data.realmId) : null;
      if (connectionId === null) {
        // One answer for a missing, malformed or unknown company: the page names no connection.
        request.log.warn({ reason: query.success ? 'unknown_realm' : 'no_realm' }, 'QuickBooks reconnect refused');
        return sendPage(reply, 404, 'No connection to reconnect', [
          'This service has no connection for that QuickBooks company, so nothing was started.',
          'Ask the operator for a connect link (`qzsync connect qbo <connection>`) and open it in this browser.',
        ]);
      }
      return startAuthorisation(request, reply, connectionId);
    });

    instance.get('/oauth/qbo/callback', { config: { access: 'browser-session' } }, async (request, reply) => {
      const query = callbackQuery.safeParse(request.query);
      if (!query.success) {
        return sendPage(reply, 400, 'Incomplete sign-in link', [
          'This address lacks the state QuickBooks sends back, so it did not come from a sign-in this service started.',
          startAgain,
        ]);
      }
      const session = readBrowserSession(request.headers.cookie);
      const connectionId = session ? await deps.store.oauthStates.consume(query.data.state, session) : null;
      if (!connectionId) {
        request.log.warn({ reason: session ? 'state_rejected' : 'no_session' }, 'QuickBooks callback refused');
        return sendPage(reply, 400, 'This sign-in link cannot be used', [
          'It was already used, it expired, or it was started in another browser, so nothing was saved.',
          startAgain,
        ]);
      }
      const log = request.log.child({ connectionId });
      const realmId = query.data.realmId;
      if (realmId) {
        const conflict = await realmConflict(deps, connectionId, realmId);
        if (conflict) {
          log.warn({ realmId, reason: 'realm_conflict' }, 'QuickBooks callback refused');
          return sendPage(reply, 409, 'A different QuickBooks company', [conflict, 'Nothing was saved.']);
        }
      }
      let result: Awaited<ReturnType<typeof oauth.exchangeCode>>;
      try {
        result = await oauth.exchangeCode(new URL(request.url, deps.apps.qbo.redirectUri).toString());
      } catch (err) {
        const { explanation, fix } = explainError(err);
        // Refused (declined, bad code, wrong app keys) is the request's fault; anything else is QuickBooks'.
        const refused = err instanceof QboAuthError;
        log.warn({ reason: refused ? `refused_${err.code}` : 'exchange_failed' }, explanation);
        return sendPage(reply, refused ? 400 : 502, 'QuickBooks was not connected', [explanation, fix]);
      }
      await saveQboTokens(deps.store, connectionId, result.realmId, result.tokens);
      deps.clients.forget(connectionId);
      // Adjustments send no webhook: the watch catches them.
      await deps.startQuantityWatch(connectionId, log);
      log.info({ realmId: result.realmId }, 'QuickBooks connected');
      return sendPage(reply, 200, 'QuickBooks connected', [
        `Connection "${connectionId}" now syncs with QuickBooks company ${result.realmId}. You can close this page.`,
      ]);
    });
    done();
  };
};

/**
 * Refuses to attach a company another connection owns (its data would mix with that tenant's), or to swap the
 * company under a connection whose items are linked to another one.
 */
async function realmConflict(deps: SystemRouteDeps, connectionId: string, realmId: string): Promise<string | null> {
  const owner = await connectionOfRealm(deps.store, realmId);
  if (owner !== null && owner !== connectionId) {
    return `QuickBooks company ${realmId} is already used by another connection.`;
  }
  const connection = await deps.store.connections.get(connectionId);
  const authorisedRealm = qboRealmOf(connection);
  if (authorisedRealm && authorisedRealm !== realmId) {
    return `Connection "${connectionId}" belongs to QuickBooks company ${authorisedRealm}, but you signed in to company ${realmId}. Sign in to the original company, or disconnect with the qzsync CLI first.`;
  }
  return null;
}
